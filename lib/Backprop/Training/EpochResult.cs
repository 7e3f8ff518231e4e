namespace Backprop.Training;

/// <summary>One evaluation (once per epoch, 에폭): accuracy (정확도) on the full training and test sets.</summary>
public sealed record EpochResult(int Epoch, int Iteration, double TrainAccuracy, double TestAccuracy, double Loss, TimeSpan Elapsed);
