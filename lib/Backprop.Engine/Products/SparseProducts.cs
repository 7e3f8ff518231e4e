using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Engine;

/// <summary>
/// Matrix products whose left operand is mostly zeros (MNIST images are about 81% zeros): the zeros
/// are skipped, every other term is the same product as in a dense kernel. Column-major arrays, as
/// MathNet stores them. Callers check <see cref="IsWorthIt"/> first; the right operand must be
/// finite (0·∞ is NaN in a dense product, and skipping it would hide that).
/// </summary>
internal static class SparseProducts
{
    private const int RowBlock = 16;
    private const long ParallelWork = 2_000_000;

    /// <summary>Whether this machine runs the kernels vectorized (they are not worth it otherwise).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

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
        try
        {
            TransposeInto(b, k, n, bRows);
            var blocks = (m + RowBlock - 1) / RowBlock;
            ForRanges(blocks, (long)m * k * n / 4, (first, end) =>
            {
                var columns = ArrayPool<int>.Shared.Rent(RowBlock * k);
                var values = ArrayPool<double>.Shared.Rent(RowBlock * k);
                Span<int> counts = stackalloc int[RowBlock];
                for (var block = first; block < end; block++)
                {
                    var r0 = block * RowBlock;
                    var rows = Math.Min(RowBlock, m - r0);
                    GatherRowBlock(a, m, k, r0, rows, columns, values, counts);
                    for (var r = 0; r < rows; r++)
                    {
                        var start = r * k;
                        RowTimesRows(values.AsSpan(start, counts[r]), columns.AsSpan(start, counts[r]), bRows, n, alpha, beta, c, m, r0 + r);
                    }
                }

                ArrayPool<double>.Shared.Return(values);
                ArrayPool<int>.Shared.Return(columns);
            });
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bRows);
        }
    }

    /// <summary>c ← alpha·aᵀ·b + beta·c with a m×p (mostly zeros), b m×n, c p×n, all column-major.</summary>
    public static void TransposeThisAndMultiply(double alpha, double[] a, int m, int p, double[] b, int n, double beta, double[] c)
    {
        var bRows = ArrayPool<double>.Shared.Rent(m * n);
        try
        {
            TransposeInto(b, m, n, bRows);
            ForRanges(p, (long)m * p * n / 4, (first, end) =>
            {
                var rowsOfB = ArrayPool<int>.Shared.Rent(m);
                var values = ArrayPool<double>.Shared.Rent(m);
                for (var q = first; q < end; q++)
                {
                    var count = GatherColumn(a.AsSpan(q * m, m), rowsOfB, values);
                    RowTimesRows(values.AsSpan(0, count), rowsOfB.AsSpan(0, count), bRows, n, alpha, beta, c, p, q);
                }

                ArrayPool<double>.Shared.Return(values);
                ArrayPool<int>.Shared.Return(rowsOfB);
            });
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bRows);
        }
    }

    private static void ForRanges(int count, long work, Action<int, int> body)
    {
        var parts = work >= ParallelWork ? Cores.PartsFor(count, (int)Math.Max(1, count * ParallelWork / 2 / work)) : 1;
        Cores.Split(count, parts, (_, first, end) => body(first, end));
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

    /// <summary>Lists the non-zeros of rows r0…r0+rows−1 of a (column indices and values, row after row, k slots per row), without branching on the data.</summary>
    private static void GatherRowBlock(double[] a, int m, int k, int r0, int rows, int[] columns, double[] values, Span<int> counts)
    {
        counts.Clear();
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(a);
        for (var p = 0; p < k; p++)
        {
            ref var column = ref Unsafe.Add(ref a0, ((nint)p * m) + r0);
            if (rows == RowBlock && IsZeroBlock(ref column))
            {
                continue;
            }

            for (var r = 0; r < rows; r++)
            {
                var v = Unsafe.Add(ref column, r);
                var slot = (r * k) + counts[r];
                columns[slot] = p;
                values[slot] = v;
                counts[r] += v != 0.0 ? 1 : 0;
            }
        }
    }

    /// <summary>Lists the non-zeros of one column (row indices and values), without branching on the data.</summary>
    private static int GatherColumn(ReadOnlySpan<double> column, int[] rows, double[] values)
    {
        var count = 0;
        for (var i = 0; i < column.Length; i++)
        {
            var v = column[i];
            rows[count] = i;
            values[count] = v;
            count += v != 0.0 ? 1 : 0;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsZeroBlock(ref double x)
    {
        var any = Vector256.LoadUnsafe(ref x) | Vector256.LoadUnsafe(ref x, 4) | Vector256.LoadUnsafe(ref x, 8) | Vector256.LoadUnsafe(ref x, 12);
        return any == Vector256<double>.Zero;
    }

    /// <summary>
    /// Row <paramref name="row"/> of c (leading dimension ldc) ← alpha·Σ values[t]·bRows[indices[t]] + beta·(that row),
    /// with the sums held in registers, 16 columns at a time.
    /// </summary>
    private static void RowTimesRows(ReadOnlySpan<double> values, ReadOnlySpan<int> indices, double[] bRows, int n, double alpha, double beta, double[] c, int ldc, int row)
    {
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(bRows);
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(c);
        var j = 0;
        for (; j + 16 <= n; j += 16)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var t = 0; t < values.Length; t++)
            {
                var v = Vector256.Create(values[t]);
                ref var bRow = ref Unsafe.Add(ref b0, ((nint)indices[t] * n) + j);
                s0 = MultiplyAdd(v, Vector256.LoadUnsafe(ref bRow), s0);
                s1 = MultiplyAdd(v, Vector256.LoadUnsafe(ref bRow, 4), s1);
                s2 = MultiplyAdd(v, Vector256.LoadUnsafe(ref bRow, 8), s2);
                s3 = MultiplyAdd(v, Vector256.LoadUnsafe(ref bRow, 12), s3);
            }

            Store(s0, alpha, beta, ref c0, ldc, row, j);
            Store(s1, alpha, beta, ref c0, ldc, row, j + 4);
            Store(s2, alpha, beta, ref c0, ldc, row, j + 8);
            Store(s3, alpha, beta, ref c0, ldc, row, j + 12);
        }

        for (; j + 4 <= n; j += 4)
        {
            Vector256<double> s = default;
            for (var t = 0; t < values.Length; t++)
            {
                s = MultiplyAdd(Vector256.Create(values[t]), Vector256.LoadUnsafe(ref Unsafe.Add(ref b0, ((nint)indices[t] * n) + j)), s);
            }

            Store(s, alpha, beta, ref c0, ldc, row, j);
        }

        for (; j < n; j++)
        {
            var s = 0.0;
            for (var t = 0; t < values.Length; t++)
            {
                s = Math.FusedMultiplyAdd(values[t], Unsafe.Add(ref b0, ((nint)indices[t] * n) + j), s);
            }

            ref var target = ref Unsafe.Add(ref c0, row + ((nint)j * ldc));
            target = beta == 0.0 ? alpha * s : (alpha * s) + (beta * target);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> s, double alpha, double beta, ref double c0, int ldc, int row, int column)
    {
        for (var e = 0; e < 4; e++)
        {
            ref var target = ref Unsafe.Add(ref c0, row + ((nint)(column + e) * ldc));
            var value = alpha * s.GetElement(e);
            target = beta == 0.0 ? value : value + (beta * target);
        }
    }

    /// <summary>Copies the column-major rows×columns matrix x into row-major order (row after row), in 8×8 tiles.</summary>
    private static void TransposeInto(double[] x, int rows, int columns, double[] xRows)
    {
        const int Tile = 8;
        for (var i0 = 0; i0 < rows; i0 += Tile)
        {
            var i1 = Math.Min(rows, i0 + Tile);
            for (var j0 = 0; j0 < columns; j0 += Tile)
            {
                var j1 = Math.Min(columns, j0 + Tile);
                for (var i = i0; i < i1; i++)
                {
                    for (var j = j0; j < j1; j++)
                    {
                        xRows[(i * columns) + j] = x[i + (j * rows)];
                    }
                }
            }
        }
    }
}
