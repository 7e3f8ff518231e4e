using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The ReLU layer: y = x when x &gt; 0, else 0. The <see cref="mask"/> marks where the forward input was
/// ≤ 0; backward lets dout through unchanged where x &gt; 0 and stops it (0) where the mask is set.
/// </summary>
/// <remarks>
/// The layer keeps its forward input (as <see cref="Affine"/> does, and as the book's layers keep
/// <c>self.x</c>) and reads the mask from it: x ≤ 0, one comparison per entry in the same column-major
/// order as the matrices, a vector at a time, rather than a second 100 × 50 array written entry by
/// entry across its rows at every step.
/// </remarks>
public sealed class Relu : ILayer
{
    private Matrix<double>? x;

    /// <summary>True where the last forward input was ≤ 0 (the book's <c>self.mask</c>); null before the first forward.</summary>
    public bool[,]? mask
    {
        get
        {
            if (x is null)
            {
                return null;
            }
            var result = new bool[x.RowCount, x.ColumnCount];
            for (var i = 0; i < x.RowCount; i++)
            {
                for (var j = 0; j < x.ColumnCount; j++)
                {
                    result[i, j] = x.At(i, j) <= 0;
                }
            }
            return result;
        }
    }

    /// <summary>y = max(0, x), keeping x for the mask.</summary>
    public Matrix<double> Forward(Matrix<double> x)
    {
        this.x = x;
        var input = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();   // MathNet stores a matrix column after column
        var output = GC.AllocateUninitializedArray<double>(input.Length);   // every entry is written below
        TensorPrimitives.Max(input, 0.0, output);                       // 0 where x ≤ 0; NaN stays NaN
        return Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, output);
    }

    /// <summary>dx = dout where x &gt; 0, else 0 — dout[mask] = 0 (a new matrix: dout is left as it was).</summary>
    public Matrix<double> Backward(Matrix<double> dout)
    {
        var x = this.x ?? throw new InvalidOperationException("Relu: call Forward before Backward");
        if (dout.RowCount != x.RowCount || dout.ColumnCount != x.ColumnCount)
        {
            throw new ArgumentException($"Relu: dout is {Shapes.Of(dout)} but the forward input was {x.RowCount}×{x.ColumnCount}");
        }
        var input = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var gradient = dout.AsColumnMajorArray() ?? dout.ToColumnMajorArray();
        var dx = GC.AllocateUninitializedArray<double>(gradient.Length);   // every entry is written below
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var inputs = MemoryMarshal.Cast<double, Vector256<double>>(input);
            var gradients = MemoryMarshal.Cast<double, Vector256<double>>(gradient);
            var targets = MemoryMarshal.Cast<double, Vector256<double>>(dx.AsSpan());
            for (var v = 0; v < targets.Length; v++)
            {
                // dout where the mask (x ≤ 0) is not set, else +0.0, without a branch to mispredict
                var masked = Vector256.LessThanOrEqual(inputs[v], Vector256<double>.Zero);
                targets[v] = Vector256.AndNot(gradients[v], masked);
            }
            i = targets.Length * Vector256<double>.Count;
        }
        for (; i < dx.Length; i++)
        {
            dx[i] = input[i] <= 0 ? 0.0 : gradient[i];
        }
        return Matrix<double>.Build.Dense(dout.RowCount, dout.ColumnCount, dx);
    }
}
