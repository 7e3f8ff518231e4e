using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The ReLU layer: y = x when x &gt; 0, else 0. Forward keeps the <see cref="mask"/> of where x ≤ 0;
/// backward lets dout through unchanged where x &gt; 0 and stops it (0) where the mask is set.
/// </summary>
public sealed class Relu : ILayer
{
    /// <summary>True where the last forward input was ≤ 0 (the book's <c>self.mask</c>); null before the first forward.</summary>
    public bool[,]? mask { get; private set; }

    /// <summary>out = x, with 0 where x ≤ 0 (x itself is left as it was).</summary>
    public Matrix<double> Forward(Matrix<double> x)
    {
        mask = new bool[x.RowCount, x.ColumnCount];
        var @out = x.Clone();
        for (var j = 0; j < x.ColumnCount; j++)
        {
            for (var i = 0; i < x.RowCount; i++)
            {
                if (x.At(i, j) <= 0)
                {
                    mask[i, j] = true;
                    @out.At(i, j, 0.0);
                }
            }
        }
        return @out;
    }

    /// <summary>dx = dout, with 0 where the mask is set — the book's <c>dout[self.mask] = 0</c> (on a copy: dout is left as it was).</summary>
    public Matrix<double> Backward(Matrix<double> dout)
    {
        var mask = this.mask ?? throw new InvalidOperationException("Relu: call Forward before Backward");
        if (dout.RowCount != mask.GetLength(0) || dout.ColumnCount != mask.GetLength(1))
        {
            throw new ArgumentException($"Relu: dout is {Shapes.Of(dout)} but the forward input was {mask.GetLength(0)}×{mask.GetLength(1)}");
        }
        var dx = dout.Clone();
        for (var j = 0; j < dx.ColumnCount; j++)
        {
            for (var i = 0; i < dx.RowCount; i++)
            {
                if (mask[i, j])
                {
                    dx.At(i, j, 0.0);
                }
            }
        }
        return dx;
    }
}
