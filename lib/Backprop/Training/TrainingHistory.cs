namespace Backprop.Training;

/// <summary>What a training run recorded: the loss of every iteration and the accuracy of every epoch.</summary>
public sealed class TrainingHistory
{
    private readonly List<double> loss = [];
    private readonly List<EpochResult> epochs = [];

    /// <summary>The minibatch loss of each iteration (train_loss_list).</summary>
    public IReadOnlyList<double> Loss => loss;

    /// <summary>One entry per evaluation.</summary>
    public IReadOnlyList<EpochResult> Epochs => epochs;

    /// <summary>Training accuracy per epoch (train_acc_list).</summary>
    public IReadOnlyList<double> TrainAccuracy => epochs.Select(e => e.TrainAccuracy).ToArray();

    /// <summary>Test accuracy per epoch (test_acc_list).</summary>
    public IReadOnlyList<double> TestAccuracy => epochs.Select(e => e.TestAccuracy).ToArray();

    /// <summary>Wall time of the run so far.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>The last test accuracy, or NaN before the first evaluation.</summary>
    public double FinalTestAccuracy => epochs.Count > 0 ? epochs[^1].TestAccuracy : double.NaN;

    /// <summary>The last training accuracy, or NaN before the first evaluation.</summary>
    public double FinalTrainAccuracy => epochs.Count > 0 ? epochs[^1].TrainAccuracy : double.NaN;

    /// <summary>What went wrong in a run that learned nothing, one line each (<see cref="TrainingDiagnosis"/>); empty for a run that learned.</summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];

    internal void AddLoss(double value) => loss.Add(value);

    internal void AddEpoch(EpochResult result) => epochs.Add(result);
}
