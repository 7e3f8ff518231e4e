namespace Backprop.Optimizers;

/// <summary>Creates an optimizer from its name, as the command line and notebooks give it.</summary>
public static class Optimizer
{
    /// <summary>The names <see cref="Create"/> understands.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "adagrad", "adam"];

    /// <summary>"sgd", "momentum", "adagrad" or "adam" (any case) with learning rate η.</summary>
    public static IOptimizer Create(string name, double learningRate)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"the learning rate must be a positive number, got {learningRate}");
        }
        return name.ToLowerInvariant() switch
        {
            "sgd" => new Sgd(learningRate),
            "momentum" => new Momentum(learningRate),
            "adagrad" => new AdaGrad(learningRate),
            "adam" => new Adam(learningRate),
            _ => throw new ArgumentException($"unknown optimizer '{name}' — use one of {string.Join(", ", Names)}"),
        };
    }
}
