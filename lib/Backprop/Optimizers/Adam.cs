using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Optimizers;

/// <summary>
/// Adam: Momentum and AdaGrad together, with bias correction —
/// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; W ← W − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + 1e-7).
/// </summary>
public sealed class Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999) : IOptimizer
{
    private readonly Dictionary<string, double[]> m = [];
    private readonly Dictionary<string, double[]> v = [];
    private int iteration;

    /// <summary>The learning rate η.</summary>
    public double LearningRate { get; } = learningRate;

    /// <summary>β₁, the decay of the first moment.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>β₂, the decay of the second moment.</summary>
    public double Beta2 { get; } = beta2;

    /// <inheritdoc/>
    public string Name => "Adam";

    /// <inheritdoc/>
    public void Update(IReadOnlyDictionary<string, Matrix<double>> parameters, IReadOnlyDictionary<string, Matrix<double>> grads)
    {
        iteration++;
        var lrT = LearningRate * Math.Sqrt(1.0 - Math.Pow(Beta2, iteration)) / (1.0 - Math.Pow(Beta1, iteration));
        foreach (var (key, W) in parameters)
        {
            var w = DenseStorage.Of(W, key);
            var g = DenseStorage.Of(grads[key], key);
            var mm = DenseStorage.StateFor(m, key, w.Length);
            var vv = DenseStorage.StateFor(v, key, w.Length);
            for (var i = 0; i < w.Length; i++)
            {
                mm[i] += (1 - Beta1) * (g[i] - mm[i]);
                vv[i] += (1 - Beta2) * (g[i] * g[i] - vv[i]);
                w[i] -= lrT * mm[i] / (Math.Sqrt(vv[i]) + 1e-7);
            }
        }
    }
}
