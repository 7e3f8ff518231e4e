using System.Text.Json.Nodes;
using Backprop.Charts;
using Backprop.Training;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Backprop.Tests.Localization;

[Collection(LanguageCollection.Name)]
public sealed class LanguageSwitchTests : IDisposable
{
    private static readonly EpochResult[] Epochs =
    [
        new(0, 0, 0.1, 0.09, 2.3, TimeSpan.Zero),
        new(1, 600, 0.9043, 0.9071, 0.4, TimeSpan.FromSeconds(1)),
    ];

    public void Dispose() => Text.Language = Language.English;

    private static JsonNode Figure(GenericChart chart) => JsonNode.Parse(GenericChart.toFigureJson(chart))!;

    private static string? Title(JsonNode figure, string part = "") =>
        (string?)(part.Length == 0 ? figure["layout"]!["title"]!["text"] : figure["layout"]![part]!["title"]!["text"]);

    [Fact]
    public void English_is_the_default()
    {
        Assert.Equal(Language.English, Text.Language);
        Assert.Equal("Accuracy per epoch (정확도)", Title(Figure(TrainingCharts.Accuracy(Epochs))));
    }

    [Fact]
    public void Korean_switch_turns_the_loss_chart_into_the_Korean_editions_terms()
    {
        Text.Language = Language.Korean;

        var figure = Figure(TrainingCharts.Loss(Enumerable.Range(0, 150).Select(i => 2.0 / (1 + i)).ToArray()));

        Assert.Equal("반복마다의 손실 함수 값", Title(figure));
        Assert.Equal("반복 횟수", Title(figure, "xaxis"));
        Assert.Equal("손실", Title(figure, "yaxis"));
        Assert.Equal("손실", (string?)figure["data"]![0]!["name"]);
        Assert.Equal("100회 이동 평균", (string?)figure["data"]![1]!["name"]);
    }

    [Fact]
    public void Korean_switch_turns_accuracy_and_confusion_charts_into_Korean_and_back()
    {
        Text.Language = Language.Korean;
        var accuracy = Figure(TrainingCharts.Accuracy(Epochs));
        var confusion = Figure(Heatmaps.Confusion([0, 1], [1, 1]));
        var comparison = Figure(TrainingCharts.CompareLoss(new Dictionary<string, IReadOnlyList<double>> { ["SGD"] = [2.0, 1.0, 0.5] }, window: 2));

        Assert.Equal("에폭마다의 정확도", Title(accuracy));
        Assert.Equal(["훈련 데이터", "시험 데이터"], accuracy["data"]!.AsArray().Select(t => (string?)t!["name"]));
        Assert.Equal(("에폭", "정확도"), (Title(accuracy, "xaxis"), Title(accuracy, "yaxis")));
        Assert.Equal(("혼동 행렬", "예측", "정답 레이블"), (Title(confusion), Title(confusion, "xaxis"), Title(confusion, "yaxis")));
        Assert.StartsWith("정답 %{y}, 예측 %{x}", (string?)confusion["data"]![0]!["hovertemplate"]);
        Assert.Equal("손실 (2회 이동 평균)", Title(comparison, "yaxis"));

        Text.Language = Language.English;

        Assert.Equal("true label", Title(Figure(Heatmaps.Confusion([0, 1], [1, 1])), "yaxis"));
    }

    [Fact]
    public void A_title_given_by_the_caller_is_kept_in_either_language()
    {
        Text.Language = Language.Korean;

        Assert.Equal("Fashion-MNIST", Title(Figure(TrainingCharts.Accuracy(Epochs, title: "Fashion-MNIST"))));
    }

    [Fact]
    public void Progress_and_epoch_lines_follow_the_switch()
    {
        var progress = new TrainingProgress(200, 10000, 0.41234, TimeSpan.FromSeconds(3), null, new TrainingHistory());

        Assert.Equal("iteration 200/10000, minibatch loss 0.4123, 0:03 elapsed", progress.ToString());
        Assert.Equal("epoch 1: train accuracy 0.9043, test accuracy 0.9071", Epochs[1].ToString());

        Text.Language = Language.Korean;

        Assert.Equal("반복 200/10000, 미니배치 손실 0.4123, 경과 시간 0:03", progress.ToString());
        Assert.Equal("에폭 1: 훈련 정확도 0.9043, 시험 정확도 0.9071", Epochs[1].ToString());
    }

    [Fact]
    public void Matrix_and_chart_text_in_a_notebook_follow_the_switch()
    {
        Text.Language = Language.Korean;

        var matrix = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        Assert.StartsWith("행렬 2×3\n", matrix.ToDisplayString("text/plain"));
        Assert.StartsWith("벡터 3\n[", Vector<double>.Build.Dense(3).ToDisplayString("text/plain"));
        Assert.StartsWith("Plotly 차트: 트레이스 2개", TrainingCharts.Accuracy(Epochs).ToDisplayString("text/plain"));
    }

    [Fact]
    public void An_undefined_language_is_refused_with_the_choices()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Text.Language = (Language)7);

        Assert.Contains("English or Korean", error.Message);
        Assert.Equal(Language.English, Text.Language);
    }
}
