using System.Numerics.Tensors;
using Backprop.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Optimizers;

/// <summary>Stochastic gradient descent: W ← W − η·∂L/∂W.</summary>
public sealed class Sgd(double learningRate = 0.01) : IOptimizer
{
    private const int SplitFrom = 4096;   // entries: smaller parameters are updated in one go

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
            if (w.Length < SplitFrom)
            {
                TensorPrimitives.MultiplyAdd(dw, -LearningRate, w, w);   // w ← w + (−η)·dw, a vector at a time
                continue;
            }
            // a large parameter (W1): each half of its columns on the core whose product computed them
            var rows = W.RowCount;
            ColumnHalves.Run(W.ColumnCount, (_, first, end) =>
            {
                var (start, length) = (first * rows, (end - first) * rows);
                TensorPrimitives.MultiplyAdd(dw.AsSpan(start, length), -LearningRate, w.AsSpan(start, length), w.AsSpan(start, length));
            });
        }
    }
}
