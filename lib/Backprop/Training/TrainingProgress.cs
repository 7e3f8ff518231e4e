namespace Backprop.Training;

/// <summary>Reported after every iteration; <see cref="Epoch"/> is set right after an evaluation.</summary>
public sealed record TrainingProgress(int Iteration, int Iterations, double Loss, TimeSpan Elapsed, EpochResult? Epoch, TrainingHistory History)
{
    /// <summary>The fraction done, 0 to 1.</summary>
    public double Fraction => (double)Iteration / Iterations;

    /// <summary>A progress line in <see cref="Text.Language"/>, e.g. "iteration 200/10000, minibatch loss 0.4123, 0:03 elapsed".</summary>
    public override string ToString() => Phrases.ProgressLine(Iteration, Iterations, Loss, Elapsed);
}
