using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.LinearAlgebra;

/// <summary>
/// Zero-skipping products for a mostly-zero left operand and a narrow right operand (at most
/// <see cref="MaxColumns"/> columns, such as the chapter's 50 hidden units), with AVX-512: each output
/// row is held in up to eight 8-wide registers while the non-zeros of its row of a are added in, each
/// non-zero adding one contiguous row of b. Column-major in and out, as MathNet stores matrices.
/// </summary>
internal static class NarrowSparseProducts
{
    /// <summary>The widest right operand the kernels handle (eight registers of eight doubles).</summary>
    public const int MaxColumns = 64;

    private const int Lanes = 8;
    private const int RowBlock = 8;
    private const int ParallelRows = 2000;

    /// <summary>Output rows per pass: their accumulators (16 × 64 doubles at most) stay in the L1 cache with 64 rows of b.</summary>
    private const int Outputs = 16;


    [ThreadStatic]
    private static CachedRows? _cache;

    [ThreadStatic]
    private static double[]? _transposeScratch;

    [ThreadStatic]
    private static double[]? _sumsScratch;

    /// <summary>Whether this machine runs the kernels (AVX-512).</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>c ← alpha·a·b + beta·c with a m×k (mostly zeros), b k×n (n ≤ <see cref="MaxColumns"/>), c m×n.</summary>
    public static void Multiply(double alpha, double[] a, int m, int k, double[] b, int n, double beta, double[] c)
    {
        var stride = Padded(n);
        var bRows = RowMajorCopy(b, k, n, stride);
        var blocks = (m + RowBlock - 1) / RowBlock;
        if (m >= ParallelRows && Environment.ProcessorCount > 1)
        {
            var parts = Environment.ProcessorCount;
            Parallel.For(0, parts, part => MultiplyRows(alpha, a, m, k, bRows, n, stride, beta, c, RowBlock * (blocks * part / parts), Math.Min(m, RowBlock * (blocks * (part + 1) / parts))));
        }
        else
        {
            MultiplyRows(alpha, a, m, k, bRows, n, stride, beta, c, 0, m);
        }
    }

    /// <summary>c ← alpha·aᵀ·b + beta·c with a m×p (mostly zeros), b m×n (n ≤ <see cref="MaxColumns"/>), c p×n.</summary>
    public static void TransposeThisAndMultiply(double alpha, double[] a, int m, int p, double[] b, int n, double beta, double[] c)
    {
        var stride = Padded(n);
        var bRows = Aligned(ref _transposeScratch, m * stride);
        {
            TransposeInto(b, m, n, bRows, stride);
            var blocks = (p + RowBlock - 1) / RowBlock;
            if (p >= ParallelRows && Environment.ProcessorCount > 1)
            {
                var parts = Environment.ProcessorCount;
                Parallel.For(0, parts, part => TransposedBlocks(alpha, a, m, p, bRows, n, stride, beta, c, blocks * part / parts, blocks * (part + 1) / parts));
            }
            else
            {
                TransposedBlocks(alpha, a, m, p, bRows, n, stride, beta, c, 0, blocks);
            }
        }
    }

    private static int Padded(int n) => (n + Lanes - 1) / Lanes * Lanes;

    /// <summary>
    /// Rows [first, end) of c (first a multiple of eight), <see cref="Outputs"/> at a time: a bitmap of the
    /// non-zeros of each row of a (built from 8×8 bit blocks, without branching on the data), then the sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRows(double alpha, double[] a, int m, int k, ArraySegment<double> bRows, int n, int stride, double beta, double[] c, int first, int end)
    {
        var words = (k + 63) / 64;
        var bits = ArrayPool<ulong>.Shared.Rent(Outputs * words);
        var sums = Aligned(ref _sumsScratch, Outputs * stride);
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(a);
        try
        {
            var bytes = MemoryMarshal.AsBytes(bits.AsSpan(0, Outputs * words));
            for (var r0 = first; r0 < end; r0 += Outputs)
            {
                var outputs = Math.Min(Outputs, end - r0);
                bytes.Clear();
                for (var b0 = 0; b0 < outputs; b0 += RowBlock)
                {
                    var rows = Math.Min(RowBlock, outputs - b0);
                    for (var q0 = 0; q0 < k; q0 += 8)
                    {
                        ulong block = 0;
                        for (var j = 0; j < 8 && q0 + j < k; j++)
                        {
                            block |= (ulong)ColumnMask(ref Unsafe.Add(ref a0, ((nint)(q0 + j) * m) + r0 + b0), rows) << (8 * j);
                        }

                        block = TransposeBits(block);
                        for (var r = 0; r < rows; r++)
                        {
                            bytes[((b0 + r) * words * 8) + (q0 / 8)] = (byte)(block >> (8 * r));
                        }
                    }
                }

                Accumulate(bits, words, outputs, ref Unsafe.Add(ref a0, r0), 1, m, bRows, stride, sums);
                WriteBlock(sums.AsSpan(), stride, outputs, n, alpha, beta, c, m, r0);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(bits);
        }
    }

    /// <summary>Rows of c = aᵀ·b in [first, end) blocks of eight: row q of c sums the rows of b marked in a bitmap of column q of a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposedBlocks(double alpha, double[] a, int m, int p, ArraySegment<double> bRows, int n, int stride, double beta, double[] c, int first, int end)
    {
        var words = (m + 63) / 64;
        var bits = ArrayPool<ulong>.Shared.Rent(Outputs * words);
        var sums = Aligned(ref _sumsScratch, Outputs * stride);
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(a);
        try
        {
            var bytes = MemoryMarshal.AsBytes(bits.AsSpan(0, Outputs * words));
            var q1 = Math.Min(p, end * RowBlock);
            for (var q0 = first * RowBlock; q0 < q1; q0 += Outputs)
            {
                var outputs = Math.Min(Outputs, q1 - q0);
                bytes.Clear();
                for (var o = 0; o < outputs; o++)
                {
                    ref var column = ref Unsafe.Add(ref a0, (nint)(q0 + o) * m);
                    for (var i = 0; i < m; i += 8)
                    {
                        bytes[(o * words * 8) + (i / 8)] = ColumnMask(ref Unsafe.Add(ref column, i), Math.Min(8, m - i));
                    }
                }

                Accumulate(bits, words, outputs, ref Unsafe.Add(ref a0, (nint)q0 * m), m, 1, bRows, stride, sums);
                WriteBlock(sums.AsSpan(), stride, outputs, n, alpha, beta, c, p, q0);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(bits);
        }
    }

    /// <summary>
    /// sums[o] ← Σ x[o·ldo + q·ldi]·bRows[q] over the q marked in output o's bitmap (o &lt; outputs), one
    /// 64-bit word of the bitmaps at a time, so that the 64 rows of b it may touch stay in the L1 cache.
    /// </summary>
    private static void Accumulate(ulong[] bits, int words, int outputs, ref double x, int ldo, int ldi, ArraySegment<double> bRows, int stride, ArraySegment<double> sums)
    {
        switch (stride / Lanes)
        {
            case 1: Accumulate<One>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
            case 2: Accumulate<Two>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
            case 3: Accumulate<Three>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
            case 4: Accumulate<Four>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
            case 5: Accumulate<Five>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
            case 6: Accumulate<Six>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
            case 7: Accumulate<Seven>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
            default: Accumulate<Eight>(bits, words, outputs, ref x, ldo, ldi, bRows, stride, sums); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate<TWidth>(ulong[] bits, int words, int outputs, ref double x, int ldo, int ldi, ArraySegment<double> bRows, int stride, ArraySegment<double> sums)
        where TWidth : struct, IRegisterCount
    {
        ref var b0 = ref bRows.AsSpan()[0];
        ref var sums0 = ref sums.AsSpan()[0];
        ref var bits0 = ref MemoryMarshal.GetArrayDataReference(bits);
        sums.AsSpan(0, outputs * stride).Clear();
        for (var w = 0; w < words; w++)
        {
            for (var o = 0; o < outputs; o++)
            {
                var word = Unsafe.Add(ref bits0, (o * words) + w);
                if (word == 0)
                {
                    continue;
                }

                ref var target = ref Unsafe.Add(ref sums0, o * stride);
                ref var xo = ref Unsafe.Add(ref x, (nint)o * ldo);
                var s0 = Vector512.LoadUnsafe(ref target);
                var s1 = TWidth.Count > 1 ? Vector512.LoadUnsafe(ref target, 8) : default;
                var s2 = TWidth.Count > 2 ? Vector512.LoadUnsafe(ref target, 16) : default;
                var s3 = TWidth.Count > 3 ? Vector512.LoadUnsafe(ref target, 24) : default;
                var s4 = TWidth.Count > 4 ? Vector512.LoadUnsafe(ref target, 32) : default;
                var s5 = TWidth.Count > 5 ? Vector512.LoadUnsafe(ref target, 40) : default;
                var s6 = TWidth.Count > 6 ? Vector512.LoadUnsafe(ref target, 48) : default;
                var s7 = TWidth.Count > 7 ? Vector512.LoadUnsafe(ref target, 56) : default;
                do
                {
                    var q = (w * 64) + BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    var v = Vector512.Create(Unsafe.Add(ref xo, (nint)q * ldi));
                    ref var row = ref Unsafe.Add(ref b0, (nint)q * stride);
                    s0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row), s0);
                    if (TWidth.Count > 1) { s1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 8), s1); }
                    if (TWidth.Count > 2) { s2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 16), s2); }
                    if (TWidth.Count > 3) { s3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 24), s3); }
                    if (TWidth.Count > 4) { s4 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 32), s4); }
                    if (TWidth.Count > 5) { s5 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 40), s5); }
                    if (TWidth.Count > 6) { s6 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 48), s6); }
                    if (TWidth.Count > 7) { s7 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref row, 56), s7); }
                }
                while (word != 0);

                s0.StoreUnsafe(ref target);
                if (TWidth.Count > 1) { s1.StoreUnsafe(ref target, 8); }
                if (TWidth.Count > 2) { s2.StoreUnsafe(ref target, 16); }
                if (TWidth.Count > 3) { s3.StoreUnsafe(ref target, 24); }
                if (TWidth.Count > 4) { s4.StoreUnsafe(ref target, 32); }
                if (TWidth.Count > 5) { s5.StoreUnsafe(ref target, 40); }
                if (TWidth.Count > 6) { s6.StoreUnsafe(ref target, 48); }
                if (TWidth.Count > 7) { s7.StoreUnsafe(ref target, 56); }
            }
        }
    }

    /// <summary>Bit r set where x[r] ≠ 0, for the <paramref name="count"/> (at most eight) consecutive values at x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ColumnMask(ref double x, int count)
    {
        if (count == 8)
        {
            return (byte)(~Vector512.Equals(Vector512.LoadUnsafe(ref x), Vector512<double>.Zero)).ExtractMostSignificantBits();
        }

        var mask = 0;
        for (var r = 0; r < count; r++)
        {
            mask |= Unsafe.Add(ref x, r) != 0.0 ? 1 << r : 0;
        }

        return (byte)mask;
    }

    /// <summary>Transposes the 8×8 bit matrix whose row j is byte j (bit i of byte j becomes bit j of byte i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TransposeBits(ulong x)
    {
        var t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }

    /// <summary>Rows row0…row0+rows−1 of column-major c (leading dimension ldc) ← alpha·sums + beta·c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteBlock(ReadOnlySpan<double> sums, int stride, int rows, int n, double alpha, double beta, double[] c, int ldc, int row0)
    {
        for (var j = 0; j < n; j++)
        {
            var column = c.AsSpan((j * ldc) + row0, rows);
            if (beta == 0.0)
            {
                for (var r = 0; r < rows; r++)
                {
                    column[r] = alpha * sums[(r * stride) + j];
                }
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    column[r] = (alpha * sums[(r * stride) + j]) + (beta * column[r]);
                }
            }
        }
    }

    /// <summary>A row-major copy of the column-major rows×columns matrix x (rows padded with zeros to <paramref name="stride"/>, 64-byte aligned), reused while x's contents are unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ArraySegment<double> RowMajorCopy(double[] x, int rows, int columns, int stride)
    {
        var length = rows * columns;
        var cache = _cache;
        if (cache is not null && cache.Rows == rows && cache.Columns == columns && cache.Stride == stride
            && MemoryMarshal.AsBytes(cache.Source.AsSpan(0, length)).SequenceEqual(MemoryMarshal.AsBytes(x.AsSpan(0, length))))
        {
            return cache.RowMajor;
        }

        cache ??= _cache = new CachedRows();
        if (cache.Source.Length < length)
        {
            cache.Source = new double[length];
        }

        cache.RowMajor = Aligned(ref cache.Storage, rows * stride);
        cache.Rows = rows;
        cache.Columns = columns;
        cache.Stride = stride;
        x.AsSpan(0, length).CopyTo(cache.Source);
        TransposeInto(x, rows, columns, cache.RowMajor, stride);
        return cache.RowMajor;
    }

    /// <summary>A pinned scratch of at least <paramref name="length"/> doubles starting on a 64-byte boundary (whole-cache-line vector loads).</summary>
    private static unsafe ArraySegment<double> Aligned(ref double[]? storage, int length)
    {
        if (storage is null || storage.Length < length + Lanes)
        {
            storage = GC.AllocateArray<double>(length + Lanes, pinned: true);
        }

        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        var offset = (int)((64 - (address % 64)) % 64) / sizeof(double);
        return new ArraySegment<double>(storage, offset, length);
    }

    /// <summary>Copies the column-major rows×columns matrix x into row-major order with rows <paramref name="stride"/> apart (the padding zeroed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeInto(double[] x, int rows, int columns, ArraySegment<double> target, int stride)
    {
        const int Tile = 8;
        var xRows = target.AsSpan();
        for (var i0 = 0; i0 < rows; i0 += Tile)
        {
            var i1 = Math.Min(rows, i0 + Tile);
            for (var j0 = 0; j0 < columns; j0 += Tile)
            {
                var j1 = Math.Min(columns, j0 + Tile);
                for (var j = j0; j < j1; j++)
                {
                    var source = x.AsSpan((j * rows) + i0, i1 - i0);
                    for (var i = 0; i < source.Length; i++)
                    {
                        xRows[((i0 + i) * stride) + j] = source[i];
                    }
                }
            }

            for (var i = i0; i < i1; i++)
            {
                xRows.Slice((i * stride) + columns, stride - columns).Clear();
            }
        }
    }

    private sealed class CachedRows
    {
        public double[] Source { get; set; } = [];

        public double[]? Storage;

        public ArraySegment<double> RowMajor { get; set; }

        public int Rows { get; set; }

        public int Columns { get; set; }

        public int Stride { get; set; }
    }

    private interface IRegisterCount
    {
        static abstract int Count { get; }
    }

    private readonly struct One : IRegisterCount { public static int Count => 1; }

    private readonly struct Two : IRegisterCount { public static int Count => 2; }

    private readonly struct Three : IRegisterCount { public static int Count => 3; }

    private readonly struct Four : IRegisterCount { public static int Count => 4; }

    private readonly struct Five : IRegisterCount { public static int Count => 5; }

    private readonly struct Six : IRegisterCount { public static int Count => 6; }

    private readonly struct Seven : IRegisterCount { public static int Count => 7; }

    private readonly struct Eight : IRegisterCount { public static int Count => 8; }
}
