using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Optimizers;

/// <summary>Momentum: v ← αv − η·∂L/∂W; W ← W + v — a ball rolling downhill that keeps its speed.</summary>
public sealed class Momentum(double learningRate = 0.01, double momentum = 0.9) : IOptimizer
{
    private readonly Dictionary<string, double[]> v = [];

    /// <summary>The learning rate η.</summary>
    public double LearningRate { get; } = learningRate;

    /// <summary>The momentum α.</summary>
    public double MomentumFactor { get; } = momentum;

    /// <inheritdoc/>
    public string Name => "Momentum";

    /// <inheritdoc/>
    public void Update(IReadOnlyDictionary<string, Matrix<double>> parameters, IReadOnlyDictionary<string, Matrix<double>> grads)
    {
        foreach (var (key, W) in parameters)
        {
            var w = DenseStorage.Of(W, key);
            var dw = DenseStorage.Of(grads[key], key);
            var vel = DenseStorage.StateFor(v, key, w.Length);
            for (var i = 0; i < w.Length; i++)
            {
                vel[i] = MomentumFactor * vel[i] - LearningRate * dw[i];
                w[i] += vel[i];
            }
        }
    }
}
