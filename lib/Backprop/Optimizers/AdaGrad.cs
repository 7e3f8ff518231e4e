using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Optimizers;

/// <summary>AdaGrad: h ← h + (∂L/∂W)²; W ← W − η·∂L/∂W / (√h + 1e-7) — each parameter gets its own, shrinking step.</summary>
public sealed class AdaGrad(double learningRate = 0.01) : IOptimizer
{
    private readonly Dictionary<string, double[]> h = [];

    /// <summary>The learning rate η.</summary>
    public double LearningRate { get; } = learningRate;

    /// <inheritdoc/>
    public string Name => "AdaGrad";

    /// <inheritdoc/>
    public void Update(IReadOnlyDictionary<string, Matrix<double>> parameters, IReadOnlyDictionary<string, Matrix<double>> grads)
    {
        foreach (var (key, W) in parameters)
        {
            var w = DenseStorage.Of(W, key);
            var dw = DenseStorage.Of(grads[key], key);
            var hh = DenseStorage.StateFor(h, key, w.Length);
            for (var i = 0; i < w.Length; i++)
            {
                hh[i] += dw[i] * dw[i];
                w[i] -= LearningRate * dw[i] / (Math.Sqrt(hh[i]) + 1e-7);
            }
        }
    }
}
