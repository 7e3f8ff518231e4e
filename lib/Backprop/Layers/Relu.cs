using System.Numerics.Tensors;
using Backprop.Engine;
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
        var (rows, columns) = (x.RowCount, x.ColumnCount);
        var xs = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        mask = EntryMask.NotPositive(x);   // the book's self.mask = (x <= 0), a whole-array call
        var @out = new double[xs.Length];
        TensorPrimitives.Max(xs, 0.0, @out);   // x where x > 0, else 0 (NaN stays NaN)
        return Matrix<double>.Build.Dense(rows, columns, @out);
    }

    /// <summary>dx = dout, with 0 where the mask is set — the book's <c>dout[self.mask] = 0</c> (on a copy: dout is left as it was).</summary>
    public Matrix<double> Backward(Matrix<double> dout)
    {
        var mask = this.mask ?? throw new InvalidOperationException("Relu: call Forward before Backward");
        var (rows, columns) = (mask.GetLength(0), mask.GetLength(1));
        if (dout.RowCount != rows || dout.ColumnCount != columns)
        {
            throw new ArgumentException($"Relu: dout is {Shapes.Of(dout)} but the forward input was {rows}×{columns}");
        }
        var dx = dout.ToColumnMajorArray();   // a copy
        EntryMask.ZeroWhere(mask, dx);        // the book's dout[self.mask] = 0, a whole-array call
        return Matrix<double>.Build.Dense(rows, columns, dx);
    }
}
