using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The ReLU layer: y = x when x &gt; 0, else 0. Forward keeps the <see cref="mask"/> of where x ≤ 0;
/// backward lets dout through unchanged where x &gt; 0 and stops it (0) where the mask is set.
/// </summary>
/// <remarks>
/// MathNet keeps a matrix's entries column after column in one array; the loops below walk the entries
/// in that order, entry (i, j) at [j·rows + i].
/// </remarks>
public sealed class Relu : ILayer
{
    /// <summary>True where the last forward input was ≤ 0 (the book's <c>self.mask</c>); null before the first forward.</summary>
    public bool[,]? mask { get; private set; }

    /// <summary>out = x, with 0 where x ≤ 0 (x itself is left as it was).</summary>
    public Matrix<double> Forward(Matrix<double> x)
    {
        var (rows, columns) = (x.RowCount, x.ColumnCount);
        var xs = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        mask = new bool[rows, columns];
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                mask[i, j] = xs[(j * rows) + i] <= 0;
            }
        }
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
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                if (mask[i, j])
                {
                    dx[(j * rows) + i] = 0.0;
                }
            }
        }
        return Matrix<double>.Build.Dense(rows, columns, dx);
    }
}
