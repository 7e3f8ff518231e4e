using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Backprop.Engine;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace Backprop.LinearAlgebra;

/// <summary>
/// A matrix kept as the non-zero entries of each row (희소 행렬, compressed sparse rows — the layout of
/// scipy.sparse's csr_matrix). MNIST images are about 81% zeros, so a minibatch of 100 images has
/// about 15,000 non-zero pixels out of 78,400. This is MathNet's <see cref="SparseMatrix"/> with fast
/// products against dense matrices — <c>x * W</c> and <c>x.TransposeThisAndMultiply(dout)</c>, the two
/// large products of the first Affine layer — that skip the zeros, so the layer's code does not change.
/// </summary>
/// <remarks>
/// Skipping a zero skips its product: 0·∞ and 0·NaN count as 0 here, where a dense product gives NaN
/// (scipy.sparse does the same). Every other term is the same as in a dense product; only the order of
/// the additions differs, so results agree with a dense product to rounding (about 1e-15 relative).
/// An instance keeps scratch buffers between products and is not safe to use from two threads at once.
/// </remarks>
public sealed class SparseRowMatrix : SparseMatrix
{
    private readonly SparseCompressedRowMatrixStorage<double> csr;
    // scratch, one of each for each part of the columns (see ForColumnParts):
    private AlignedBuffer[] large = [];   // k rows: W copied row after row (see RowStride) for x·W; the result of xᵀ·B
    private AlignedBuffer[] small = [];   // m rows: the result of x·W; B copied row after row for xᵀ·B
    private (double[]? Of, int First, int End, double[]? In)[] rowsOf = [];   // which of W's columns `large` holds, when kept
    private int[] blockRows = [], blockStarts = [];                // the non-zeros in blocks of 4 columns, for few rows
    private double[] blockValues = [];
    [ThreadStatic]
    private static Scratch? threadScratch;   // the scratch buffers of the last product on this thread, for the next matrix (see BorrowScratch)

    /// <summary>Creates an all-zero rows × columns matrix.</summary>
    public SparseRowMatrix(int rows, int columns)
        : base(rows, columns)
    {
        csr = (SparseCompressedRowMatrixStorage<double>)Storage;
    }

    /// <summary>The entries: row pointers, column indices and values (compressed sparse rows).</summary>
    internal SparseCompressedRowMatrixStorage<double> Csr => csr;

    /// <summary>The non-zero entries of <paramref name="matrix"/>, row after row.</summary>
    public static SparseRowMatrix Of(Matrix<double> matrix)
    {
        var rows = matrix.RowCount;
        var columns = matrix.ColumnCount;
        var result = new SparseRowMatrix(rows, columns);
        var count = 0;
        foreach (var value in matrix.Enumerate())
        {
            count += value != 0.0 ? 1 : 0;
        }
        result.Refill(count, out var rowPointers, out var columnIndices, out var values);
        var k = 0;
        for (var i = 0; i < rows; i++)
        {
            rowPointers[i] = k;
            for (var j = 0; j < columns; j++)
            {
                var value = matrix.At(i, j);
                if (value != 0.0)
                {
                    columnIndices[k] = j;
                    values[k++] = value;
                }
            }
        }
        rowPointers[rows] = k;
        return result;
    }

    /// <summary>
    /// Whether the kernels use AVX-512 (vectors of 8 doubles) where the processor has it; the results are
    /// the same bit for bit either way. Tests switch it off to check the AVX2 kernels on such a machine.
    /// </summary>
    internal static bool UseVector512 { get; set; } = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// Whether <c>x * W</c> may reuse W's rows from the previous product with the same W instead of
    /// copying them again: for a caller that knows W does not change in between — an evaluation, whose
    /// chunks are all multiplied by the same weights. Off by default; <see cref="ForgetKeptRows"/> ends
    /// the promise (the weights may have changed since).
    /// </summary>
    internal bool KeepRowsOfW { get; set; }

    /// <summary>Drops the W rows kept by <see cref="KeepRowsOfW"/>.</summary>
    internal void ForgetKeptRows() => Array.Clear(rowsOf);

    /// <summary>
    /// Makes room for <paramref name="valueCount"/> entries and hands out the arrays to fill: row i's
    /// entries are at rowPointers[i] … rowPointers[i+1]−1 of columnIndices and values, by increasing
    /// column; rowPointers has RowCount + 1 entries and must end with valueCount.
    /// </summary>
    internal void Refill(int valueCount, out int[] rowPointers, out int[] columnIndices, out double[] values)
    {
        if (csr.Values.Length < valueCount)
        {
            var capacity = Math.Max(valueCount, csr.Values.Length * 3 / 2);
            // a new minibatch (capacity == valueCount) has every entry written by its caller: no clearing
            // of its ~180 KB first; a grown one is cleared, so that nothing past the entries is left unset
            csr.Values = capacity == valueCount ? GC.AllocateUninitializedArray<double>(capacity) : new double[capacity];
            csr.ColumnIndices = capacity == valueCount ? GC.AllocateUninitializedArray<int>(capacity) : new int[capacity];
        }
        rowPointers = csr.RowPointers;
        columnIndices = csr.ColumnIndices;
        values = csr.Values;
    }

    /// <inheritdoc/>
    protected override void DoMultiply(Matrix<double> other, Matrix<double> result)
    {
        if (other.AsColumnMajorArray() is { } b && result.AsColumnMajorArray() is { } c && Vector256.IsHardwareAccelerated)
        {
            if (NonZerosCount <= ColumnCount)
            {
                MultiplyFew(b, other.ColumnCount, c);
            }
            else
            {
                BorrowScratch();
                MultiplyMany(b, other.ColumnCount, c);
                ReturnScratch();
            }
            return;
        }
        base.DoMultiply(other, result);
    }

    /// <inheritdoc/>
    protected override void DoTransposeThisAndMultiply(Matrix<double> other, Matrix<double> result)
    {
        if (other.AsColumnMajorArray() is { } b && result.AsColumnMajorArray() is { } c && Vector256.IsHardwareAccelerated)
        {
            if (NonZerosCount <= ColumnCount)
            {
                TransposeThisAndMultiplyFew(b, other.ColumnCount, c);
            }
            else
            {
                BorrowScratch();
                TransposeThisAndMultiplyMany(b, other.ColumnCount, c);
                ReturnScratch();
            }
            return;
        }
        base.DoTransposeThisAndMultiply(other, result);
    }

    /// <summary>
    /// Takes this thread's scratch buffers for a product, unless the matrix keeps W's rows between
    /// products (<see cref="KeepRowsOfW"/>: an evaluation's chunk, whose buffers must hold what it left
    /// there). A minibatch made fresh at every step, as a learner's own loop makes it, then reuses the
    /// buffers of the previous step's minibatch (W copied row after row, ~350 KB for MNIST's W1) instead
    /// of asking for new pinned ones, which only a full collection gives back.
    /// </summary>
    private void BorrowScratch()
    {
        // always this thread's, never buffers this matrix took on another thread, which that thread may be using now
        if (!KeepRowsOfW && (threadScratch ??= new Scratch([], [])) is var shared && !ReferenceEquals(shared.Large, large))
        {
            (large, small) = (shared.Large, shared.Small);
            if (rowsOf.Length < large.Length)
            {
                Array.Resize(ref rowsOf, large.Length);
            }
        }
    }

    /// <summary>Leaves this matrix's scratch buffers (grown, perhaps, by the product) to the next minibatch made on this thread.</summary>
    private void ReturnScratch()
    {
        if (!KeepRowsOfW && !ReferenceEquals(threadScratch?.Large, large))
        {
            threadScratch = new Scratch(large, small);
        }
    }

    /// <summary>
    /// c (m×n) ← this (m×k) · b (k×n) for few non-zeros, straight from b's columns: each row's non-zeros
    /// are grouped into blocks of 4 neighbouring columns (the pixels of a stroke are neighbours), so that
    /// a block meets 4 contiguous entries of a column of b in one vector multiply-add. Four columns of b
    /// at a time, so that each block's values are loaded once for four multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MultiplyFew(double[] b, int n, double[] c)
    {
        var (m, k) = (RowCount, ColumnCount);
        if (k % 4 != 0)
        {
            MultiplyFewScalar(b, n, c);
            return;
        }
        var rowBlocks = BlocksOfFour();
        ref var start0 = ref MemoryMarshal.GetArrayDataReference(blockStarts);
        ref var value0 = ref MemoryMarshal.GetArrayDataReference(blockValues);
        var j = 0;
        for (; j + 4 <= n; j += 4)
        {
            // columns j … j+3 of b: 4 × 6 KB for MNIST, in the L1 cache while every row uses them
            ref var b0 = ref b[j * k];
            ref var b1 = ref Unsafe.Add(ref b0, k);
            ref var b2 = ref Unsafe.Add(ref b0, 2 * k);
            ref var b3 = ref Unsafe.Add(ref b0, 3 * k);
            for (var i = 0; i < m; i++)
            {
                Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
                for (var q = rowBlocks[i]; q < rowBlocks[i + 1]; q++)
                {
                    var v = Vector256.LoadUnsafe(ref Unsafe.Add(ref value0, 4 * q));
                    var p = Unsafe.Add(ref start0, q);
                    s0 = Fma(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref b0, p)), s0);
                    s1 = Fma(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref b1, p)), s1);
                    s2 = Fma(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref b2, p)), s2);
                    s3 = Fma(v, Vector256.LoadUnsafe(ref Unsafe.Add(ref b3, p)), s3);
                }
                c[(j * m) + i] = Vector256.Sum(s0);
                c[((j + 1) * m) + i] = Vector256.Sum(s1);
                c[((j + 2) * m) + i] = Vector256.Sum(s2);
                c[((j + 3) * m) + i] = Vector256.Sum(s3);
            }
        }
        for (; j < n; j++)
        {
            ref var bj = ref b[j * k];
            for (var i = 0; i < m; i++)
            {
                Vector256<double> s0 = default;
                for (var q = rowBlocks[i]; q < rowBlocks[i + 1]; q++)
                {
                    s0 = Fma(Vector256.LoadUnsafe(ref Unsafe.Add(ref value0, 4 * q)), Vector256.LoadUnsafe(ref Unsafe.Add(ref bj, Unsafe.Add(ref start0, q))), s0);
                }
                c[(j * m) + i] = Vector256.Sum(s0);
            }
        }
    }

    /// <summary>Each row's non-zeros as blocks of 4 columns starting at a multiple of 4 (blockStarts, 4 blockValues each); returns where each row's blocks start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] BlocksOfFour()
    {
        var (m, count) = (RowCount, NonZerosCount);
        if (blockRows.Length < m + 1)
        {
            blockRows = new int[m + 1];
        }
        if (blockStarts.Length < count)
        {
            blockStarts = new int[csr.Values.Length];
            blockValues = new double[4 * csr.Values.Length];
        }
        var (rowPointers, columns, values) = (csr.RowPointers, csr.ColumnIndices, csr.Values);
        var blocks = 0;
        for (var i = 0; i < m; i++)
        {
            blockRows[i] = blocks;
            var current = -1;
            for (var t = rowPointers[i]; t < rowPointers[i + 1]; t++)
            {
                var p = columns[t];
                if (p >> 2 != current)
                {
                    current = p >> 2;
                    blockStarts[blocks] = current << 2;
                    blockValues.AsSpan(4 * blocks, 4).Clear();
                    blocks++;
                }
                blockValues[(4 * (blocks - 1)) + (p & 3)] = values[t];
            }
        }
        blockRows[m] = blocks;
        return blockRows;
    }

    /// <summary>The same one non-zero at a time, for a width that is not a multiple of 4.</summary>
    private void MultiplyFewScalar(double[] b, int n, double[] c)
    {
        var (m, k) = (RowCount, ColumnCount);
        var rowPointers = csr.RowPointers;
        for (var j = 0; j < n; j++)
        {
            var column = b.AsSpan(j * k, k);
            for (var i = 0; i < m; i++)
            {
                var s = 0.0;
                for (var t = rowPointers[i]; t < rowPointers[i + 1]; t++)
                {
                    s += csr.Values[t] * column[csr.ColumnIndices[t]];
                }
                c[(j * m) + i] = s;
            }
        }
    }

    /// <summary>c (k×n) ← thisᵀ (k×m) · b (m×n) for few non-zeros: straight into c's columns.</summary>
    private void TransposeThisAndMultiplyFew(double[] b, int n, double[] c)
    {
        var (m, k) = (RowCount, ColumnCount);
        var (rowPointers, columns, values) = (csr.RowPointers, csr.ColumnIndices, csr.Values);
        Array.Clear(c, 0, k * n);
        for (var j = 0; j < n; j++)
        {
            var target = c.AsSpan(j * k, k);
            for (var i = 0; i < m; i++)
            {
                var d = b[(j * m) + i];
                for (var t = rowPointers[i]; t < rowPointers[i + 1]; t++)
                {
                    target[columns[t]] += values[t] * d;
                }
            }
        }
    }

    /// <summary>
    /// c (m×n) ← this (m×k) · b (k×n): b is copied row after row once (rows padded, see RowStride);
    /// then row i of the result is Σ x[i,p]·(row p of b) over the non-zeros x[i,p] of row i, summed in
    /// registers. The columns of b and c are split into parts over the cores (<see cref="ForColumnParts"/>):
    /// each part reads and writes only its own columns.
    /// </summary>
    private void MultiplyMany(double[] b, int n, double[] c)
    {
        var (m, k) = (RowCount, ColumnCount);
        ForColumnParts(n, (part, j0, j1) =>
        {
            var width = j1 - j0;
            var stride = RowStride(width);
            var bRows = large[part].Get(k * stride);
            if (!KeepRowsOfW || rowsOf[part] != (b, j0, j1, bRows.Array))
            {
                Transpose(b.AsSpan(j0 * k), k, width, k, bRows, stride);
                rowsOf[part] = (b, j0, j1, bRows.Array);
            }
            var cRows = small[part].Get(m * stride);
            SumRows(m, csr.RowPointers, csr.ColumnIndices, csr.Values, bRows, cRows, stride);
            Transpose(cRows, stride, m, width, c.AsSpan(j0 * m), m);
        });
    }

    /// <summary>
    /// c (k×n) ← thisᵀ (k×m) · b (m×n): row p of the result is Σ x[i,p]·(row i of b) over the images i
    /// with x[i,p] ≠ 0. Image after image, row i of b is held in registers and added, times x[i,p], into
    /// the result's row p for each of the image's non-zeros p — so each row of the result receives its
    /// terms image after image, in increasing order. Split like <see cref="MultiplyMany"/>: each part
    /// computes its own columns.
    /// </summary>
    private void TransposeThisAndMultiplyMany(double[] b, int n, double[] c)
    {
        var (m, k) = (RowCount, ColumnCount);
        ForColumnParts(n, (part, j0, j1) =>
        {
            var width = j1 - j0;
            var stride = RowStride(width);
            // the small operand in the small buffer and the large result in the large one, so that the two
            // products of a step use one large buffer (less to keep in the cache) rather than two
            var bRows = small[part].Get(m * stride);
            Transpose(b.AsSpan(j0 * m), m, width, m, bRows, stride);
            var cRows = large[part].Get(k * stride);
            rowsOf[part] = default;   // large now holds the result's rows, not W's
            cRows.AsSpan().Clear();
            AddRows(m, csr.RowPointers, csr.ColumnIndices, csr.Values, bRows, cRows, stride);
            Transpose(cRows, stride, k, width, c.AsSpan(j0 * k), k);
        });
    }

    /// <summary>
    /// Runs <c>body(part, first column, end column)</c> for parts of n columns over the cores
    /// (<see cref="ColumnParts"/>), each with at least <see cref="MinimumWorkPerPart"/> multiply-adds.
    /// </summary>
    private void ForColumnParts(int n, Action<int, int, int> body)
    {
        var groups = (n + 3) / 4;
        var perGroup = Math.Max(1L, 4L * NonZerosCount);
        var parts = ColumnParts.For(n, (int)Math.Min(groups, (MinimumWorkPerPart + perGroup - 1) / perGroup));
        if (large.Length < parts)
        {
            Array.Resize(ref large, parts);
            Array.Resize(ref small, parts);
            Array.Resize(ref rowsOf, parts);
        }
        ColumnParts.Run(n, parts, body, remember: !KeepRowsOfW);
    }

    /// <summary>
    /// The least work worth a part of its own: 150,000 multiply-adds, ~20 µs — the chapter's minibatch
    /// products (~15,000 non-zeros × 50 columns) then go to up to 4 cores, an evaluation chunk's to up to 8.
    /// </summary>
    private const long MinimumWorkPerPart = 150_000;

    /// <summary>Row r of cRows ← Σ values[t]·(row indices[t] of bRows) for t in pointers[r] … pointers[r+1]−1, every r &lt; rows.</summary>
    private static void SumRows(int rows, int[] pointers, int[] indices, double[] values, ArraySegment<double> bRows, ArraySegment<double> cRows, int stride)
    {
        ref var index0 = ref MemoryMarshal.GetArrayDataReference(indices);
        ref var value0 = ref MemoryMarshal.GetArrayDataReference(values);
        var c = cRows.AsSpan();
        for (var j0 = 0; j0 < stride; j0 += 4 * Vectors(stride - j0))
        {
            ref var b0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(bRows.AsSpan()), j0);
            var vectors = Vectors(stride - j0);
            for (var r = 0; r < rows; r++)
            {
                var t = pointers[r];
                RowSum(vectors, ref Unsafe.Add(ref index0, t), ref Unsafe.Add(ref value0, t), pointers[r + 1] - t, ref b0, stride, ref c[(r * stride) + j0]);
            }
        }
    }

    /// <summary>
    /// For every row i &lt; rows and t in pointers[i] … pointers[i+1]−1: row indices[t] of cRows += values[t]·(row i
    /// of bRows) — row i of bRows held in registers while the image's non-zeros are added.
    /// </summary>
    private static void AddRows(int rows, int[] pointers, int[] indices, double[] values, ArraySegment<double> bRows, ArraySegment<double> cRows, int stride)
    {
        ref var index0 = ref MemoryMarshal.GetArrayDataReference(indices);
        ref var value0 = ref MemoryMarshal.GetArrayDataReference(values);
        ref var c0 = ref MemoryMarshal.GetReference(cRows.AsSpan());
        var b = bRows.AsSpan();
        for (var j0 = 0; j0 < stride; j0 += 4 * Vectors(stride - j0))
        {
            var vectors = Vectors(stride - j0);
            for (var r = 0; r < rows; r++)
            {
                var t = pointers[r];
                RowAdd(vectors, ref b[(r * stride) + j0], ref Unsafe.Add(ref index0, t), ref Unsafe.Add(ref value0, t), pointers[r + 1] - t, ref Unsafe.Add(ref c0, j0), stride);
            }
        }
    }

    /// <summary>Vectors of 4 doubles in the next pass over the non-zeros, for <paramref name="columns"/> remaining columns (a multiple of 4): at most 16.</summary>
    private static int Vectors(int columns) => Math.Min(16, columns / 4);

    // The kernel, for N vectors of 4 doubles (4N columns, N ≤ 16): c ← Σ values[t]·(row columns[t] of b)
    // over one row's non-zeros, the N sums held in registers. N is a type argument (see IVectorCount) so that the JIT compiles one copy per width with the unused
    // registers and branches removed: one pass as wide as the output beats several narrow ones, because
    // every non-zero also costs its index, its value and an address.

    private static void RowSum(int vectors, ref int column0, ref double value0, int count, ref double b0, int stride, ref double c)
    {
        switch (vectors)
        {
            case 1: RowSum<Vectors1>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 2: RowSum<Vectors2>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 3: RowSum<Vectors3>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 4: RowSum<Vectors4>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 5: RowSum<Vectors5>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 6: RowSum<Vectors6>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 7: RowSum<Vectors7>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 8: RowSum<Vectors8>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 9: RowSum<Vectors9>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 10: RowSum<Vectors10>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 11: RowSum<Vectors11>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 12: RowSum<Vectors12>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 13: RowSum<Vectors13>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 14: RowSum<Vectors14>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 15: RowSum<Vectors15>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            case 16: RowSum<Vectors16>(ref column0, ref value0, count, ref b0, stride, ref c); break;
            default: throw new ArgumentOutOfRangeException(nameof(vectors));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowSum<N>(ref int column0, ref double value0, int count, ref double b0, int stride, ref double c)
        where N : struct, IVectorCount
    {
        if (UseVector512)
        {
            RowSum512<N>(ref column0, ref value0, count, ref b0, stride, ref c);
            return;
        }
        Vector256<double> s0 = default;
        Vector256<double> s1 = default;
        Vector256<double> s2 = default;
        Vector256<double> s3 = default;
        Vector256<double> s4 = default;
        Vector256<double> s5 = default;
        Vector256<double> s6 = default;
        Vector256<double> s7 = default;
        Vector256<double> s8 = default;
        Vector256<double> s9 = default;
        Vector256<double> s10 = default;
        Vector256<double> s11 = default;
        Vector256<double> s12 = default;
        Vector256<double> s13 = default;
        Vector256<double> s14 = default;
        Vector256<double> s15 = default;
        for (var t = 0; t < count; t++)
        {
            var v = Vector256.Create(Unsafe.Add(ref value0, t));
            ref var r = ref Unsafe.Add(ref b0, (nint)Unsafe.Add(ref column0, t) * stride);
            if (N.Count > 0) { s0 = Fma(v, Vector256.LoadUnsafe(ref r), s0); }
            if (N.Count > 1) { s1 = Fma(v, Vector256.LoadUnsafe(ref r, 4), s1); }
            if (N.Count > 2) { s2 = Fma(v, Vector256.LoadUnsafe(ref r, 8), s2); }
            if (N.Count > 3) { s3 = Fma(v, Vector256.LoadUnsafe(ref r, 12), s3); }
            if (N.Count > 4) { s4 = Fma(v, Vector256.LoadUnsafe(ref r, 16), s4); }
            if (N.Count > 5) { s5 = Fma(v, Vector256.LoadUnsafe(ref r, 20), s5); }
            if (N.Count > 6) { s6 = Fma(v, Vector256.LoadUnsafe(ref r, 24), s6); }
            if (N.Count > 7) { s7 = Fma(v, Vector256.LoadUnsafe(ref r, 28), s7); }
            if (N.Count > 8) { s8 = Fma(v, Vector256.LoadUnsafe(ref r, 32), s8); }
            if (N.Count > 9) { s9 = Fma(v, Vector256.LoadUnsafe(ref r, 36), s9); }
            if (N.Count > 10) { s10 = Fma(v, Vector256.LoadUnsafe(ref r, 40), s10); }
            if (N.Count > 11) { s11 = Fma(v, Vector256.LoadUnsafe(ref r, 44), s11); }
            if (N.Count > 12) { s12 = Fma(v, Vector256.LoadUnsafe(ref r, 48), s12); }
            if (N.Count > 13) { s13 = Fma(v, Vector256.LoadUnsafe(ref r, 52), s13); }
            if (N.Count > 14) { s14 = Fma(v, Vector256.LoadUnsafe(ref r, 56), s14); }
            if (N.Count > 15) { s15 = Fma(v, Vector256.LoadUnsafe(ref r, 60), s15); }
        }
        if (N.Count > 0) { s0.StoreUnsafe(ref c); }
        if (N.Count > 1) { s1.StoreUnsafe(ref c, 4); }
        if (N.Count > 2) { s2.StoreUnsafe(ref c, 8); }
        if (N.Count > 3) { s3.StoreUnsafe(ref c, 12); }
        if (N.Count > 4) { s4.StoreUnsafe(ref c, 16); }
        if (N.Count > 5) { s5.StoreUnsafe(ref c, 20); }
        if (N.Count > 6) { s6.StoreUnsafe(ref c, 24); }
        if (N.Count > 7) { s7.StoreUnsafe(ref c, 28); }
        if (N.Count > 8) { s8.StoreUnsafe(ref c, 32); }
        if (N.Count > 9) { s9.StoreUnsafe(ref c, 36); }
        if (N.Count > 10) { s10.StoreUnsafe(ref c, 40); }
        if (N.Count > 11) { s11.StoreUnsafe(ref c, 44); }
        if (N.Count > 12) { s12.StoreUnsafe(ref c, 48); }
        if (N.Count > 13) { s13.StoreUnsafe(ref c, 52); }
        if (N.Count > 14) { s14.StoreUnsafe(ref c, 56); }
        if (N.Count > 15) { s15.StoreUnsafe(ref c, 60); }
    }

    private static void RowAdd(int vectors, ref double b, ref int column0, ref double value0, int count, ref double c0, int stride)
    {
        switch (vectors)
        {
            case 1: RowAdd<Vectors1>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 2: RowAdd<Vectors2>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 3: RowAdd<Vectors3>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 4: RowAdd<Vectors4>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 5: RowAdd<Vectors5>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 6: RowAdd<Vectors6>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 7: RowAdd<Vectors7>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 8: RowAdd<Vectors8>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 9: RowAdd<Vectors9>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 10: RowAdd<Vectors10>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 11: RowAdd<Vectors11>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 12: RowAdd<Vectors12>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 13: RowAdd<Vectors13>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 14: RowAdd<Vectors14>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 15: RowAdd<Vectors15>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            case 16: RowAdd<Vectors16>(ref b, ref column0, ref value0, count, ref c0, stride); break;
            default: throw new ArgumentOutOfRangeException(nameof(vectors));
        }
    }

    // The kernel of xᵀ·B, for N vectors of 4 doubles: row columns[t] of c += values[t]·b over one row's
    // non-zeros, b (a row of B) held in N registers.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowAdd<N>(ref double b, ref int column0, ref double value0, int count, ref double c0, int stride)
        where N : struct, IVectorCount
    {
        if (UseVector512)
        {
            RowAdd512<N>(ref b, ref column0, ref value0, count, ref c0, stride);
            return;
        }
        var d0 = N.Count > 0 ? Vector256.LoadUnsafe(ref b, 0) : default;
        var d1 = N.Count > 1 ? Vector256.LoadUnsafe(ref b, 4) : default;
        var d2 = N.Count > 2 ? Vector256.LoadUnsafe(ref b, 8) : default;
        var d3 = N.Count > 3 ? Vector256.LoadUnsafe(ref b, 12) : default;
        var d4 = N.Count > 4 ? Vector256.LoadUnsafe(ref b, 16) : default;
        var d5 = N.Count > 5 ? Vector256.LoadUnsafe(ref b, 20) : default;
        var d6 = N.Count > 6 ? Vector256.LoadUnsafe(ref b, 24) : default;
        var d7 = N.Count > 7 ? Vector256.LoadUnsafe(ref b, 28) : default;
        var d8 = N.Count > 8 ? Vector256.LoadUnsafe(ref b, 32) : default;
        var d9 = N.Count > 9 ? Vector256.LoadUnsafe(ref b, 36) : default;
        var d10 = N.Count > 10 ? Vector256.LoadUnsafe(ref b, 40) : default;
        var d11 = N.Count > 11 ? Vector256.LoadUnsafe(ref b, 44) : default;
        var d12 = N.Count > 12 ? Vector256.LoadUnsafe(ref b, 48) : default;
        var d13 = N.Count > 13 ? Vector256.LoadUnsafe(ref b, 52) : default;
        var d14 = N.Count > 14 ? Vector256.LoadUnsafe(ref b, 56) : default;
        var d15 = N.Count > 15 ? Vector256.LoadUnsafe(ref b, 60) : default;
        for (var t = 0; t < count; t++)
        {
            var v = Vector256.Create(Unsafe.Add(ref value0, t));
            ref var r = ref Unsafe.Add(ref c0, (nint)Unsafe.Add(ref column0, t) * stride);
            if (N.Count > 0) { Fma(v, d0, Vector256.LoadUnsafe(ref r, 0)).StoreUnsafe(ref r, 0); }
            if (N.Count > 1) { Fma(v, d1, Vector256.LoadUnsafe(ref r, 4)).StoreUnsafe(ref r, 4); }
            if (N.Count > 2) { Fma(v, d2, Vector256.LoadUnsafe(ref r, 8)).StoreUnsafe(ref r, 8); }
            if (N.Count > 3) { Fma(v, d3, Vector256.LoadUnsafe(ref r, 12)).StoreUnsafe(ref r, 12); }
            if (N.Count > 4) { Fma(v, d4, Vector256.LoadUnsafe(ref r, 16)).StoreUnsafe(ref r, 16); }
            if (N.Count > 5) { Fma(v, d5, Vector256.LoadUnsafe(ref r, 20)).StoreUnsafe(ref r, 20); }
            if (N.Count > 6) { Fma(v, d6, Vector256.LoadUnsafe(ref r, 24)).StoreUnsafe(ref r, 24); }
            if (N.Count > 7) { Fma(v, d7, Vector256.LoadUnsafe(ref r, 28)).StoreUnsafe(ref r, 28); }
            if (N.Count > 8) { Fma(v, d8, Vector256.LoadUnsafe(ref r, 32)).StoreUnsafe(ref r, 32); }
            if (N.Count > 9) { Fma(v, d9, Vector256.LoadUnsafe(ref r, 36)).StoreUnsafe(ref r, 36); }
            if (N.Count > 10) { Fma(v, d10, Vector256.LoadUnsafe(ref r, 40)).StoreUnsafe(ref r, 40); }
            if (N.Count > 11) { Fma(v, d11, Vector256.LoadUnsafe(ref r, 44)).StoreUnsafe(ref r, 44); }
            if (N.Count > 12) { Fma(v, d12, Vector256.LoadUnsafe(ref r, 48)).StoreUnsafe(ref r, 48); }
            if (N.Count > 13) { Fma(v, d13, Vector256.LoadUnsafe(ref r, 52)).StoreUnsafe(ref r, 52); }
            if (N.Count > 14) { Fma(v, d14, Vector256.LoadUnsafe(ref r, 56)).StoreUnsafe(ref r, 56); }
            if (N.Count > 15) { Fma(v, d15, Vector256.LoadUnsafe(ref r, 60)).StoreUnsafe(ref r, 60); }
        }
    }

    // The same two kernels with AVX-512: pairs of the N vectors of 4 as one vector of 8, and an odd last
    // one as a vector of 4. Each column's sum gets the same terms in the same order, so the results are
    // the same bit for bit; a non-zero costs half the loads and multiply-adds.

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowSum512<N>(ref int column0, ref double value0, int count, ref double b0, int stride, ref double c)
        where N : struct, IVectorCount
    {
        Vector512<double> s0 = default;
        Vector512<double> s1 = default;
        Vector512<double> s2 = default;
        Vector512<double> s3 = default;
        Vector512<double> s4 = default;
        Vector512<double> s5 = default;
        Vector512<double> s6 = default;
        Vector512<double> s7 = default;
        Vector256<double> last = default;
        const int Odd = 1;
        for (var t = 0; t < count; t++)
        {
            var x = Unsafe.Add(ref value0, t);
            var v = Vector512.Create(x);
            ref var r = ref Unsafe.Add(ref b0, (nint)Unsafe.Add(ref column0, t) * stride);
            if (N.Count > 1) { s0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r), s0); }
            if (N.Count > 3) { s1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 8), s1); }
            if (N.Count > 5) { s2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), s2); }
            if (N.Count > 7) { s3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 24), s3); }
            if (N.Count > 9) { s4 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), s4); }
            if (N.Count > 11) { s5 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 40), s5); }
            if (N.Count > 13) { s6 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), s6); }
            if (N.Count > 15) { s7 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 56), s7); }
            if ((N.Count & Odd) != 0) { last = Fma(v.GetLower(), Vector256.LoadUnsafe(ref r, (nuint)(4 * (N.Count - 1))), last); }
        }
        if (N.Count > 1) { s0.StoreUnsafe(ref c); }
        if (N.Count > 3) { s1.StoreUnsafe(ref c, 8); }
        if (N.Count > 5) { s2.StoreUnsafe(ref c, 16); }
        if (N.Count > 7) { s3.StoreUnsafe(ref c, 24); }
        if (N.Count > 9) { s4.StoreUnsafe(ref c, 32); }
        if (N.Count > 11) { s5.StoreUnsafe(ref c, 40); }
        if (N.Count > 13) { s6.StoreUnsafe(ref c, 48); }
        if (N.Count > 15) { s7.StoreUnsafe(ref c, 56); }
        if ((N.Count & Odd) != 0) { last.StoreUnsafe(ref c, (nuint)(4 * (N.Count - 1))); }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowAdd512<N>(ref double b, ref int column0, ref double value0, int count, ref double c0, int stride)
        where N : struct, IVectorCount
    {
        const int Odd = 1;
        var tail = (nuint)(4 * (N.Count - 1));
        var d0 = N.Count > 1 ? Vector512.LoadUnsafe(ref b, 0) : default;
        var d1 = N.Count > 3 ? Vector512.LoadUnsafe(ref b, 8) : default;
        var d2 = N.Count > 5 ? Vector512.LoadUnsafe(ref b, 16) : default;
        var d3 = N.Count > 7 ? Vector512.LoadUnsafe(ref b, 24) : default;
        var d4 = N.Count > 9 ? Vector512.LoadUnsafe(ref b, 32) : default;
        var d5 = N.Count > 11 ? Vector512.LoadUnsafe(ref b, 40) : default;
        var d6 = N.Count > 13 ? Vector512.LoadUnsafe(ref b, 48) : default;
        var d7 = N.Count > 15 ? Vector512.LoadUnsafe(ref b, 56) : default;
        var last = (N.Count & Odd) != 0 ? Vector256.LoadUnsafe(ref b, tail) : default;
        for (var t = 0; t < count; t++)
        {
            var x = Unsafe.Add(ref value0, t);
            var v = Vector512.Create(x);
            ref var r = ref Unsafe.Add(ref c0, (nint)Unsafe.Add(ref column0, t) * stride);
            if (N.Count > 1) { Avx512F.FusedMultiplyAdd(v, d0, Vector512.LoadUnsafe(ref r, 0)).StoreUnsafe(ref r, 0); }
            if (N.Count > 3) { Avx512F.FusedMultiplyAdd(v, d1, Vector512.LoadUnsafe(ref r, 8)).StoreUnsafe(ref r, 8); }
            if (N.Count > 5) { Avx512F.FusedMultiplyAdd(v, d2, Vector512.LoadUnsafe(ref r, 16)).StoreUnsafe(ref r, 16); }
            if (N.Count > 7) { Avx512F.FusedMultiplyAdd(v, d3, Vector512.LoadUnsafe(ref r, 24)).StoreUnsafe(ref r, 24); }
            if (N.Count > 9) { Avx512F.FusedMultiplyAdd(v, d4, Vector512.LoadUnsafe(ref r, 32)).StoreUnsafe(ref r, 32); }
            if (N.Count > 11) { Avx512F.FusedMultiplyAdd(v, d5, Vector512.LoadUnsafe(ref r, 40)).StoreUnsafe(ref r, 40); }
            if (N.Count > 13) { Avx512F.FusedMultiplyAdd(v, d6, Vector512.LoadUnsafe(ref r, 48)).StoreUnsafe(ref r, 48); }
            if (N.Count > 15) { Avx512F.FusedMultiplyAdd(v, d7, Vector512.LoadUnsafe(ref r, 56)).StoreUnsafe(ref r, 56); }
            if ((N.Count & Odd) != 0) { Fma(v.GetLower(), last, Vector256.LoadUnsafe(ref r, tail)).StoreUnsafe(ref r, tail); }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>
    /// t[c·ldt + r] ← a[r·lda + c] for r &lt; rows, c &lt; columns: a transpose between two layouts, in 4×4
    /// tiles held in vector registers (a plain loop spends most of its time on the strided side).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(ReadOnlySpan<double> a, int lda, int rows, int columns, Span<double> t, int ldt)
    {
        if (rows < columns && Avx.IsSupported && a.Length >= ((rows - 1) * lda) + columns && t.Length >= ((columns - 1) * ldt) + rows)
        {
            TransposeFewRows(a, lda, rows, columns, t, ldt);
            return;
        }
        var r = 0;
        if (Avx.IsSupported && a.Length >= ((rows - 1) * lda) + columns && t.Length >= ((columns - 1) * ldt) + rows)
        {
            ref var a0 = ref MemoryMarshal.GetReference(a);
            ref var t0 = ref MemoryMarshal.GetReference(t);
            for (; r + 4 <= rows; r += 4)
            {
                var c = 0;
                for (; c + 4 <= columns; c += 4)
                {
                    Tile(ref a0, lda, r, c, ref t0, ldt);
                }
                for (; c < columns; c++)
                {
                    for (var i = r; i < r + 4; i++)
                    {
                        t[(c * ldt) + i] = a[(i * lda) + c];
                    }
                }
            }
        }
        for (; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                t[(c * ldt) + r] = a[(r * lda) + c];
            }
        }
    }

    /// <summary>
    /// <see cref="Transpose"/> for a few long rows (W's columns into W's rows): four of t's rows at a time,
    /// each written whole while it is in the L1 cache, rather than a strip of every one of t's 784 rows
    /// per pass over four of a's rows (x·W's sums and copies took ~11% less time in a microbenchmark).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeFewRows(ReadOnlySpan<double> a, int lda, int rows, int columns, Span<double> t, int ldt)
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var t0 = ref MemoryMarshal.GetReference(t);
        var c = 0;
        for (; c + 4 <= columns; c += 4)
        {
            var r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                Tile(ref a0, lda, r, c, ref t0, ldt);
            }
            for (; r < rows; r++)
            {
                for (var k = c; k < c + 4; k++)
                {
                    Unsafe.Add(ref t0, ((nint)k * ldt) + r) = Unsafe.Add(ref a0, ((nint)r * lda) + k);
                }
            }
        }
        for (; c < columns; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                t[(c * ldt) + r] = a[(r * lda) + c];
            }
        }
    }

    /// <summary>t[c+i, r+j] ← a[r+j, c+i] for i, j &lt; 4: a 4×4 tile through four vector registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(ref double a0, int lda, int r, int c, ref double t0, int ldt)
    {
        ref var src = ref Unsafe.Add(ref a0, ((nint)r * lda) + c);
        var r0 = Vector256.LoadUnsafe(ref src);
        var r1 = Vector256.LoadUnsafe(ref src, (nuint)lda);
        var r2 = Vector256.LoadUnsafe(ref src, (nuint)(2 * lda));
        var r3 = Vector256.LoadUnsafe(ref src, (nuint)(3 * lda));
        var lo01 = Avx.UnpackLow(r0, r1);    // r0[0] r1[0] r0[2] r1[2]
        var hi01 = Avx.UnpackHigh(r0, r1);   // r0[1] r1[1] r0[3] r1[3]
        var lo23 = Avx.UnpackLow(r2, r3);
        var hi23 = Avx.UnpackHigh(r2, r3);
        ref var dst = ref Unsafe.Add(ref t0, ((nint)c * ldt) + r);
        Avx.Permute2x128(lo01, lo23, 0x20).StoreUnsafe(ref dst);
        Avx.Permute2x128(hi01, hi23, 0x20).StoreUnsafe(ref dst, (nuint)ldt);
        Avx.Permute2x128(lo01, lo23, 0x31).StoreUnsafe(ref dst, (nuint)(2 * ldt));
        Avx.Permute2x128(hi01, hi23, 0x31).StoreUnsafe(ref dst, (nuint)(3 * ldt));
    }

    /// <summary>
    /// A reused buffer that starts on a 64-byte boundary, so that every padded row does too: a vector
    /// load that straddles two cache lines costs about twice as much, and the kernels do little else.
    /// </summary>
    private struct AlignedBuffer
    {
        private const int Alignment = 64;   // a cache line
        private double[]? array;
        private int offset;

        public unsafe ArraySegment<double> Get(int length)
        {
            if (array is null || array.Length - offset < length)
            {
                array = GC.AllocateArray<double>(length + (Alignment / sizeof(double)), pinned: true);
                var address = (long)Unsafe.AsPointer(ref array[0]);
                offset = (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(double);
            }
            return new ArraySegment<double>(array, offset, length);
        }
    }

    /// <summary>The per-part scratch buffers of a product, handed from one matrix to the next on a thread.</summary>
    private sealed record Scratch(AlignedBuffer[] Large, AlignedBuffer[] Small);

    private static int RoundUp(int n, int multiple) => (n + multiple - 1) / multiple * multiple;

    /// <summary>
    /// The length of a copied row of <paramref name="width"/> columns: whole vectors, and with AVX-512 whole
    /// vectors of 8 — 64 bytes, so that every row starts on a cache line. The 26 columns of W1's wider half
    /// then take 4 vectors of 8 rather than 3 vectors of 8 and one of 4, and that is faster (x·W's sums took
    /// 48 µs a step rather than 60, xᵀ·dout's 78 rather than 93): half of the 28-wide rows started in the
    /// middle of a cache line, and each load from them touched two.
    /// </summary>
    private static int RowStride(int width) => RoundUp(width, UseVector512 ? 8 : 4);
}
