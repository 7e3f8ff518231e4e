using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The Affine layer (어파인 계층): forward Y = X·W + B for a batch of N rows;
/// backward ∂L/∂X = ∂L/∂Y·Wᵀ, ∂L/∂W = Xᵀ·∂L/∂Y, ∂L/∂B = the sum of ∂L/∂Y over the batch.
/// </summary>
public sealed class Affine : ILayer
{
    private Matrix<double>? x;

    /// <summary>Creates the layer over weights W (in × out) and bias b (out).</summary>
    public Affine(Matrix<double> W, Vector<double> b)
    {
        if (W.ColumnCount != b.Count)
        {
            throw new ArgumentException($"Affine: W is {Shapes.Of(W)} but b has {b.Count} entries — b must have one entry per column of W");
        }
        this.W = W;
        this.b = b;
        dW = Matrix<double>.Build.Dense(W.RowCount, W.ColumnCount);
        db = Vector<double>.Build.Dense(b.Count);
    }

    /// <summary>The weights W (가중치), in × out.</summary>
    public Matrix<double> W { get; }

    /// <summary>The bias b (편향), one entry per output.</summary>
    public Vector<double> b { get; }

    /// <summary>∂L/∂W after the last backward pass.</summary>
    public Matrix<double> dW { get; private set; }

    /// <summary>∂L/∂b after the last backward pass.</summary>
    public Vector<double> db { get; private set; }

    /// <summary>
    /// Whether <see cref="Backward"/> computes ∂L/∂X. The first layer of a network can skip it:
    /// nothing uses the gradient with respect to the input images.
    /// </summary>
    public bool ComputeInputGradient { get; init; } = true;

    /// <summary>Y = X·W + B.</summary>
    public Matrix<double> Forward(Matrix<double> x)
    {
        Shapes.RequireMultipliable("Affine", "x", x, "W", W);
        this.x = x;
        var @out = x * W;
        return @out.AddToEachRow(b);
    }

    /// <summary>Stores dW = Xᵀ·dout and db = Σ dout over the batch; returns dX = dout·Wᵀ.</summary>
    public Matrix<double> Backward(Matrix<double> dout)
    {
        var x = this.x ?? throw new InvalidOperationException("Affine: call Forward before Backward");
        if (dout.RowCount != x.RowCount || dout.ColumnCount != W.ColumnCount)
        {
            throw new ArgumentException($"Affine: dout is {Shapes.Of(dout)} but the output was {x.RowCount}×{W.ColumnCount}");
        }
        x.TransposeThisAndMultiply(dout, dW); // into the same dW each step: no 300 KB allocation per step
        db = dout.SumOfRows();   // np.sum(dout, axis=0)
        return ComputeInputGradient ? dout.TransposeAndMultiply(W) : Matrix<double>.Build.Dense(0, 0);
    }
}
