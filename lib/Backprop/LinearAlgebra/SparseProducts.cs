using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.LinearAlgebra;

/// <summary>
/// Matrix products whose left operand is mostly zeros (MNIST images are about 81% zeros): the zeros
/// are skipped, every other term is the same product as in a dense kernel. Column-major arrays, as
/// MathNet stores them. Callers check <see cref="IsWorthIt"/> first; the right operand must be
/// finite (0·∞ is NaN in a dense product, and skipping it would hide that).
/// </summary>
internal static class SparseProducts
{
    private const int RowBlock = 32;
    private const long ParallelWork = 4_000_000;

    /// <summary>Whether skipping the zeros of <paramref name="a"/> pays for the extra passes: at least half zeros, and enough work.</summary>
    public static bool IsWorthIt(double[] a, int length, int otherColumns)
    {
        if ((long)length * otherColumns < 50_000 || otherColumns < 8)
        {
            return false;
        }

        return CountZeros(a.AsSpan(0, length)) * 2 >= length;
    }

    /// <summary>Whether every element is finite (neither NaN nor ±∞).</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<double>.Zero;
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var v in vectors)
            {
                acc += v - v;
            }

            i = vectors.Length * Vector<double>.Count;
            for (var j = 0; j < Vector<double>.Count; j++)
            {
                if (acc[j] != 0.0)
                {
                    return false;
                }
            }
        }

        for (; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>c ← alpha·a·b + beta·c with a m×k (mostly zeros), b k×n, c m×n, all column-major.</summary>
    public static void Multiply(double alpha, double[] a, int m, int k, double[] b, int n, double beta, double[] c)
    {
        var bRows = ArrayPool<double>.Shared.Rent(k * n);
        var cRows = ArrayPool<double>.Shared.Rent(m * n);
        try
        {
            TransposeInto(b, k, n, bRows);
            var blocks = (m + RowBlock - 1) / RowBlock;
            var work = (long)m * k * n / 4;
            if (work >= ParallelWork && Environment.ProcessorCount > 1)
            {
                Parallel.For(0, blocks, block => MultiplyRowBlock(a, m, k, bRows, n, cRows, block));
            }
            else
            {
                for (var block = 0; block < blocks; block++)
                {
                    MultiplyRowBlock(a, m, k, bRows, n, cRows, block);
                }
            }

            WriteBack(alpha, cRows, m, n, beta, c);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cRows);
            ArrayPool<double>.Shared.Return(bRows);
        }
    }

    /// <summary>c ← alpha·aᵀ·b + beta·c with a m×p (mostly zeros), b m×n, c p×n, all column-major.</summary>
    public static void TransposeThisAndMultiply(double alpha, double[] a, int m, int p, double[] b, int n, double beta, double[] c)
    {
        var bRows = ArrayPool<double>.Shared.Rent(m * n);
        var cRows = ArrayPool<double>.Shared.Rent(p * n);
        try
        {
            TransposeInto(b, m, n, bRows);
            var work = (long)m * p * n / 4;
            if (work >= ParallelWork && Environment.ProcessorCount > 1)
            {
                Parallel.For(0, (p + RowBlock - 1) / RowBlock, block =>
                {
                    var end = Math.Min(p, (block + 1) * RowBlock);
                    for (var column = block * RowBlock; column < end; column++)
                    {
                        AccumulateColumn(a, m, column, bRows, n, cRows);
                    }
                });
            }
            else
            {
                for (var column = 0; column < p; column++)
                {
                    AccumulateColumn(a, m, column, bRows, n, cRows);
                }
            }

            WriteBack(alpha, cRows, p, n, beta, c);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cRows);
            ArrayPool<double>.Shared.Return(bRows);
        }
    }

    private static int CountZeros(ReadOnlySpan<double> x)
    {
        var zeros = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var count = Vector<long>.Zero;
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var v in vectors)
            {
                count -= Vector.Equals(v, Vector<double>.Zero);
            }

            zeros = (int)Vector.Sum(count);
            i = vectors.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
        {
            if (x[i] == 0.0)
            {
                zeros++;
            }
        }

        return zeros;
    }

    private static void MultiplyRowBlock(double[] a, int m, int k, double[] bRows, int n, double[] cRows, int block)
    {
        var first = block * RowBlock;
        var end = Math.Min(m, first + RowBlock);
        cRows.AsSpan(first * n, (end - first) * n).Clear();
        for (var p = 0; p < k; p++)
        {
            var bRow = bRows.AsSpan(p * n, n);
            var column = p * m;
            for (var i = first; i < end; i++)
            {
                var x = a[column + i];
                if (x != 0.0)
                {
                    Axpy(x, bRow, cRows.AsSpan(i * n, n));
                }
            }
        }
    }

    private static void AccumulateColumn(double[] a, int m, int column, double[] bRows, int n, double[] cRows)
    {
        var row = cRows.AsSpan(column * n, n);
        row.Clear();
        var aColumn = a.AsSpan(column * m, m);
        for (var i = 0; i < m; i++)
        {
            var x = aColumn[i];
            if (x != 0.0)
            {
                Axpy(x, bRows.AsSpan(i * n, n), row);
            }
        }
    }

    /// <summary>y ← y + a·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(a);
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                (yv + av * xv).StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref yr, i) += a * Unsafe.Add(ref xr, i);
        }
    }

    /// <summary>Copies the column-major rows×columns matrix x into rows-major order (row after row).</summary>
    private static void TransposeInto(double[] x, int rows, int columns, double[] xRows)
    {
        for (var j = 0; j < columns; j++)
        {
            var column = x.AsSpan(j * rows, rows);
            for (var i = 0; i < rows; i++)
            {
                xRows[(i * columns) + j] = column[i];
            }
        }
    }

    private static void WriteBack(double alpha, double[] cRows, int rows, int columns, double beta, double[] c)
    {
        for (var j = 0; j < columns; j++)
        {
            var column = c.AsSpan(j * rows, rows);
            for (var i = 0; i < rows; i++)
            {
                var value = alpha * cRows[(i * columns) + j];
                column[i] = beta == 0.0 ? value : value + (beta * column[i]);
            }
        }
    }
}
