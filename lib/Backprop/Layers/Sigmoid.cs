using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The Sigmoid layer: y = 1 / (1 + exp(−x)). Its computational graph is ×(−1), exp, +1, 1/x;
/// walking it backwards gives ∂L/∂x = dout · y(1 − y), so forward keeps its output y.
/// </summary>
public sealed class Sigmoid : ILayer
{
    /// <summary>The last forward output y (the book's <c>self.out</c>).</summary>
    public Matrix<double>? @out { get; private set; }

    /// <summary>y = σ(x), element-wise.</summary>
    public Matrix<double> Forward(Matrix<double> x)
    {
        var y = Functions.Sigmoid(x);
        @out = y;
        return y;
    }

    /// <summary>dx = dout · y · (1 − y).</summary>
    public Matrix<double> Backward(Matrix<double> dout)
    {
        var y = @out ?? throw new InvalidOperationException("Sigmoid: call Forward before Backward");
        Shapes.RequireSame("Sigmoid", "dout", dout, "the forward output", y);
        return dout.PointwiseMultiply(y.Map(v => 1.0 - v)).PointwiseMultiply(y);
    }
}
