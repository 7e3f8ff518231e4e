using System.Numerics;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Backprop.LinearAlgebra;

/// <summary>
/// A minibatch of images as an ordinary dense matrix that also knows where its non-zero pixels are.
/// Everything a learner does with it is MathNet's dense matrix — printing, indexing, <c>Transpose()</c>,
/// <c>Map</c>, writing into it — and its two large products skip the zeros, as the trainer's sparse
/// minibatches do: <c>x * W</c> and <c>x.TransposeThisAndMultiply(dout)</c> go through
/// <see cref="SparseRowMatrix"/>'s kernels, with the same numbers bit for bit.
/// </summary>
/// <remarks>
/// Why dense underneath: code translated from NumPy writes <c>x.Transpose() * dy</c>, and MathNet's
/// <c>Transpose()</c> of a sparse matrix gives a plain <c>SparseMatrix</c>, whose product with a dense
/// matrix copies a column of the dense one for every entry of the result (~0.9 ms a step for MNIST's
/// first layer). The transpose of this matrix is dense, and its product goes to the BLAS (~0.4 ms with
/// the transpose). Before each product the non-zeros are checked against the matrix as it is now (its
/// count of non-zeros, then each listed entry; ~55 µs for 100 images): a matrix changed since it was made
/// is listed again, so a product never uses stale pixels.
/// </remarks>
public sealed class MinibatchMatrix : DenseMatrix
{
    private SparseRowMatrix nonZeros;

    /// <summary>The dense matrix of <paramref name="nonZeros"/>'s entries, which it keeps for its products.</summary>
    public MinibatchMatrix(SparseRowMatrix nonZeros)
        : base(nonZeros.RowCount, nonZeros.ColumnCount)
    {
        this.nonZeros = nonZeros;
        var data = Values;
        var m = RowCount;
        var csr = nonZeros.Csr;
        for (var i = 0; i < m; i++)
        {
            for (var t = csr.RowPointers[i]; t < csr.RowPointers[i + 1]; t++)
            {
                data[i + (csr.ColumnIndices[t] * m)] = csr.Values[t];
            }
        }
    }

    /// <summary>The non-zero entries as they are now (listed again if the matrix was changed since they were).</summary>
    public SparseRowMatrix NonZeros
    {
        get
        {
            if (!Agrees(nonZeros))
            {
                nonZeros = SparseRowMatrix.Of(this);
            }
            return nonZeros;
        }
    }

    /// <inheritdoc/>
    protected override void DoMultiply(Matrix<double> other, Matrix<double> result)
    {
        if (other.AsColumnMajorArray() is not null && result.AsColumnMajorArray() is not null)
        {
            NonZeros.Multiply(other, result);
            return;
        }
        base.DoMultiply(other, result);
    }

    /// <inheritdoc/>
    protected override void DoTransposeThisAndMultiply(Matrix<double> other, Matrix<double> result)
    {
        if (other.AsColumnMajorArray() is not null && result.AsColumnMajorArray() is not null)
        {
            NonZeros.TransposeThisAndMultiply(other, result);
            return;
        }
        base.DoTransposeThisAndMultiply(other, result);
    }

    /// <summary>Whether the matrix holds exactly <paramref name="sparse"/>'s entries and zeros elsewhere.</summary>
    private bool Agrees(SparseRowMatrix sparse)
    {
        var csr = sparse.Csr;
        var data = Values;
        var m = RowCount;
        var count = csr.RowPointers[m];
        if (CountNonZeros(data) != count)
        {
            return false;
        }
        for (var i = 0; i < m; i++)
        {
            for (var t = csr.RowPointers[i]; t < csr.RowPointers[i + 1]; t++)
            {
                // != also catches a NaN written over a pixel
                if (!(data[i + (csr.ColumnIndices[t] * m)] == csr.Values[t]) || csr.Values[t] == 0.0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>How many entries are not zero (NaN counts as not zero).</summary>
    private static int CountNonZeros(double[] values)
    {
        var zeros = 0;
        var i = 0;
        if (values.Length == 0)
        {
            return 0;
        }
        ref var start = ref values[0];
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + Vector512<double>.Count <= values.Length; i += Vector512<double>.Count)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)i);
                zeros += BitOperations.PopCount(Vector512.Equals(v, Vector512<double>.Zero).ExtractMostSignificantBits());
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<double>.Count <= values.Length; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                zeros += BitOperations.PopCount(Vector256.Equals(v, Vector256<double>.Zero).ExtractMostSignificantBits());
            }
        }
        for (; i < values.Length; i++)
        {
            zeros += values[i] == 0.0 ? 1 : 0;
        }
        return values.Length - zeros;
    }
}
