using System.Globalization;

namespace Backprop;

/// <summary>
/// Every label and line the library shows, English beside Korean (the Korean edition's terms, as in
/// notebooks/ko/용어집.md); each property answers in <see cref="Text.Language"/>.
/// </summary>
internal static class Phrases
{
    public static string LossTitle => Say("Loss per iteration (손실 함수)", "반복마다의 손실 함수 값");

    public static string CompareLossTitle => Say("Loss per iteration", "반복마다의 손실 함수 값");

    public static string AccuracyTitle => Say("Accuracy per epoch (정확도)", "에폭마다의 정확도");

    public static string ConfusionTitle => Say("Confusion matrix", "혼동 행렬");

    public static string Iteration => Say("iteration", "반복 횟수");

    public static string Epoch => Say("epoch", "에폭");

    public static string Loss => Say("loss", "손실");

    public static string Accuracy => Say("accuracy", "정확도");

    public static string Train => Say("train", "훈련 데이터");

    public static string Test => Say("test", "시험 데이터");

    public static string Predicted => Say("predicted", "예측");

    public static string TrueLabel => Say("true label", "정답 레이블");

    /// <summary>Plotly hover text of a confusion-matrix cell (%{y} true label, %{x} prediction, %{z} count).</summary>
    public static string ConfusionHover => Say("true %{y}, predicted %{x}: %{z}", "정답 %{y}, 예측 %{x}: %{z}개");

    public static string MovingAverage(int window) => Say(Invariant($"mean of {window}"), Invariant($"{window}회 이동 평균"));

    public static string LossMovingAverage(int window) => Say(Invariant($"loss (mean of {window})"), Invariant($"손실 ({window}회 이동 평균)"));

    public static string MatrixCaption(int rows, int columns) => Say(Invariant($"Matrix {rows}×{columns}"), Invariant($"행렬 {rows}×{columns}"));

    public static string VectorCaption(int count) => Say(Invariant($"Vector {count}"), Invariant($"벡터 {count}"));

    public static string VectorTableCaption(int count) => Say(Invariant($"vector {count}"), Invariant($"벡터 {count}"));

    public static string ChartSummary(int traces, string types) =>
        Say(Invariant($"Plotly chart: {traces} trace(s) [{types}]"), Invariant($"Plotly 차트: 트레이스 {traces}개 [{types}]"));

    public static string ProgressLine(int iteration, int iterations, double loss, TimeSpan elapsed) =>
        Say(Invariant($"iteration {iteration}/{iterations}, minibatch loss {loss:F4}, {elapsed:m\\:ss} elapsed"),
            Invariant($"반복 {iteration}/{iterations}, 미니배치 손실 {loss:F4}, 경과 시간 {elapsed:m\\:ss}"));

    public static string EpochLine(int epoch, double trainAccuracy, double testAccuracy) =>
        Say(Invariant($"epoch {epoch}: train accuracy {trainAccuracy:F4}, test accuracy {testAccuracy:F4}"),
            Invariant($"에폭 {epoch}: 훈련 정확도 {trainAccuracy:F4}, 시험 정확도 {testAccuracy:F4}"));

    private static string Say(string english, string korean) => Text.Language == Language.Korean ? korean : english;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
