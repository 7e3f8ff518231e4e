namespace Backprop.Training;

/// <summary>One evaluation (once per epoch, 에폭): accuracy (정확도) on the full training and test sets.</summary>
public sealed record EpochResult(int Epoch, int Iteration, double TrainAccuracy, double TestAccuracy, double Loss, TimeSpan Elapsed)
{
    /// <summary>The evaluation as a line in <see cref="Text.Language"/>, e.g. "epoch 3: train accuracy 0.9431, test accuracy 0.9420".</summary>
    public override string ToString() => Phrases.EpochLine(Epoch, TrainAccuracy, TestAccuracy);
}
