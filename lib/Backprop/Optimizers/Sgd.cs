using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Optimizers;

/// <summary>Stochastic gradient descent: W ← W − η·∂L/∂W.</summary>
public sealed class Sgd(double learningRate = 0.01) : IOptimizer
{
    /// <summary>The learning rate η (학습률).</summary>
    public double LearningRate { get; } = learningRate;

    /// <inheritdoc/>
    public string Name => "SGD";

    /// <inheritdoc/>
    public void Update(IReadOnlyDictionary<string, Matrix<double>> parameters, IReadOnlyDictionary<string, Matrix<double>> grads)
    {
        foreach (var (key, W) in parameters)
        {
            var w = DenseStorage.Of(W, key);
            var dw = DenseStorage.Of(grads[key], key);
            TensorPrimitives.MultiplyAdd(dw, -LearningRate, w, w);   // params[key] -= lr * grads[key], in place
        }
    }
}
