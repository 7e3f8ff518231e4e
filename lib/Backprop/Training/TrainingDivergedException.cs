namespace Backprop.Training;

/// <summary>The loss became NaN or infinite: the learning rate is too large. The history so far is kept.</summary>
public sealed class TrainingDivergedException(int iteration, double loss, double learningRate, TrainingHistory history)
    : Exception($"the loss became {loss} at iteration {iteration} — the learning rate {learningRate} is too large; try a smaller one, e.g. {learningRate / 10}")
{
    /// <summary>The iteration (1-based) whose loss was not finite.</summary>
    public int Iteration { get; } = iteration;

    /// <summary>What was recorded before the loss diverged.</summary>
    public TrainingHistory History { get; } = history;
}
