using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The ReLU layer: y = x when x &gt; 0, else 0. Forward keeps a <see cref="mask"/> of where x ≤ 0;
/// backward lets dout through unchanged where x &gt; 0 and stops it (0) where the mask is set.
/// </summary>
public sealed class Relu : ILayer
{
    /// <summary>True where the last forward input was ≤ 0 (the book's <c>self.mask</c>).</summary>
    public bool[,]? mask { get; private set; }

    /// <summary>y = max(0, x), remembering the mask.</summary>
    public Matrix<double> Forward(Matrix<double> x)
    {
        var rows = x.RowCount;
        var columns = x.ColumnCount;
        var input = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();   // MathNet stores a matrix column after column
        var output = GC.AllocateUninitializedArray<double>(input.Length);   // every entry is written below
        TensorPrimitives.Max(input, 0.0, output);                       // 0 where x ≤ 0; NaN stays NaN
        var mask = new bool[rows, columns];
        ref var maskAt = ref Unsafe.As<byte, bool>(ref MemoryMarshal.GetArrayDataReference(mask));
        for (var j = 0; j < columns; j++)
        {
            var column = input.AsSpan(j * rows, rows);
            for (var i = 0; i < column.Length; i++)
            {
                Unsafe.Add(ref maskAt, (i * columns) + j) = column[i] <= 0;   // mask[i, j]
            }
        }
        this.mask = mask;
        return Matrix<double>.Build.Dense(rows, columns, output);
    }

    /// <summary>dx = dout where x &gt; 0, else 0 (a new matrix: dout is left as it was).</summary>
    public Matrix<double> Backward(Matrix<double> dout)
    {
        var mask = this.mask ?? throw new InvalidOperationException("Relu: call Forward before Backward");
        if (dout.RowCount != mask.GetLength(0) || dout.ColumnCount != mask.GetLength(1))
        {
            throw new ArgumentException($"Relu: dout is {Shapes.Of(dout)} but the forward input was {mask.GetLength(0)}×{mask.GetLength(1)}");
        }
        var rows = dout.RowCount;
        var columns = dout.ColumnCount;
        var input = dout.AsColumnMajorArray() ?? dout.ToColumnMajorArray();
        var dx = GC.AllocateUninitializedArray<double>(input.Length);       // every entry is written below
        ref var maskAt = ref Unsafe.As<byte, bool>(ref MemoryMarshal.GetArrayDataReference(mask));
        for (var j = 0; j < columns; j++)
        {
            var column = input.AsSpan(j * rows, rows);
            var target = dx.AsSpan(j * rows, rows);
            for (var i = 0; i < column.Length; i++)
            {
                // dout where the mask is not set, else +0.0 — as bits, without a branch to mispredict
                long keep = Unsafe.As<bool, byte>(ref Unsafe.Add(ref maskAt, (i * columns) + j)) ^ 1;
                target[i] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(column[i]) & -keep);
            }
        }
        return Matrix<double>.Build.Dense(rows, columns, dx);
    }
}
