using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// Counts a network's correct predictions on a whole split faster, and gets exactly the count of the
/// plain double-precision forward pass. Nearly all of an evaluation's work is the first Affine layer
/// (70,000 images × their non-zero pixels × the hidden units); that layer is computed in single
/// precision — twice the numbers per vector, half the bytes — straight from the split's lists of
/// non-zero pixels. The layers after it run in double precision as usual.
/// </summary>
/// <remarks>
/// <para>
/// Rounding in single precision moves each hidden unit's value by at most γ(n+1)·Σₚ|W[p, j]| for an
/// image with n non-zero pixels (γ(m) = m·u/(1 − m·u), u = 2⁻²⁴: the textbook bound for a sum of products
/// with fused multiply-adds, one more rounding for storing W as a float; the pixels x ≤ 1). That bound
/// is carried through the later layers — ReLU moves nothing further than its input moved, Sigmoid a
/// quarter, an Affine layer Σⱼ|W[j, k]| times — together with the double-precision rounding of both ways
/// of computing them. An image counts as decided when its best score beats every other score by more
/// than both scores' bounds: then the double-precision forward pass has the same best class. Any other
/// image (ties, near-ties, NaN) is recomputed in double precision; after the first epoch that is a few
/// images in a thousand.
/// </para>
/// <para>
/// Handles networks whose first layer is an Affine layer on the pixels, followed by Affine, ReLU and
/// Sigmoid layers, on processors with vector instructions; for any other network, or weights beyond
/// single precision's range, it declines and the caller computes every image in double precision.
/// </para>
/// </remarks>
internal static class ScreenedAccuracy
{
    private const int Chunk = 200;
    private const double UnitRoundoffSingle = 1.0 / (1 << 24);
    private const double UnitRoundoffDouble = 1.0 / (1L << 53);
    private const double Slack = 1e-12;   // relative, on top of the bounds: the double-precision steps they leave out (1/255, + b)

    [ThreadStatic]
    private static float[]? weightRows;   // pinned, so that its start stays on a cache line's boundary

    /// <summary>Images whose prediction was recomputed in double precision by the last count on this thread (for tests).</summary>
    [ThreadStatic]
    internal static int Recomputed;

    /// <summary>
    /// How many of the images <paramref name="firstImage"/> … <paramref name="endImage"/>−1 of
    /// <paramref name="split"/> the network whose layers are <paramref name="layers"/> classifies
    /// correctly (its normalized pixels, as the trainer gives them) — or null when the network is not of a
    /// form this handles. <paramref name="forwardAfterFirst"/> runs the layers after the first on a matrix
    /// of hidden units; <paramref name="predictExactly"/> gives the double-precision predictions of the
    /// images at the indices it is passed.
    /// </summary>
    public static int? CountCorrect(IReadOnlyList<LayerView> layers, Func<Matrix<double>, Matrix<double>> forwardAfterFirst, PixelLists split,
        Func<IReadOnlyList<int>, int[]> predictExactly, int firstImage, int endImage)
    {
        var last = endImage;
        Recomputed = 0;
        if (!Vector256.IsHardwareAccelerated || layers.Count == 0 || layers[0] is not { Kind: LayerKind.Affine, W: { } firstW, B: { } firstB }
            || firstW.RowCount != split.Features || firstW.AsColumnMajorArray() is not { } w || firstB.AsArray() is not { } b)
        {
            return null;
        }
        var bounds = ErrorBounds.Of(firstW, firstB, layers);
        if (bounds is null)
        {
            return null;
        }

        var (k, n) = (firstW.RowCount, firstW.ColumnCount);
        var lanes = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;
        var stride = (n + lanes - 1) / lanes * lanes;
        // This thread's buffer, taken out of its field while in use: between images a helper may take a part of
        // another split (Cores.HelpIfAsked), and that part may be another network's evaluation on this thread,
        // which must not overwrite these weights (two trainings at once in one process did, before).
        var buffer = BorrowWeightRows(k * stride);
        ref var rows = ref Aligned(buffer);   // on a 64-byte boundary: a vector load across two cache lines costs twice
        for (var p = 0; p < k; p++)
        {
            var row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref rows, p * stride), stride);
            for (var j = 0; j < n; j++)
            {
                row[j] = (float)w[(j * k) + p];
            }
            row[n..].Clear();
        }

        // the chapter's network, Affine → ReLU → Affine: the last two layers right here, image by image
        // (MathNet's per-chunk matrices cost more than their arithmetic), in double precision like the layers
        var output = layers.Count == 3 && layers[1].Kind == LayerKind.Relu && layers[2] is { Kind: LayerKind.Affine, W: { } secondW, B: { } secondB }
            && secondW.RowCount == n && secondW.AsColumnMajorArray() is { } w2 && secondB.AsArray() is { } b2
            ? new OutputLayer(w2, b2, n)
            : null;

        var (start, columns, values, labels) = (split.Start, split.Columns, split.Values, split.Labels);
        var sums = new float[stride];
        var secondSums = new float[stride];
        var firstLayer = new FirstLayerOutput(b, bounds.FirstLayerSums, stride);
        var units = new double[stride];         // one image's hidden units, then zeros to the end of the row
        var hidden = output is null ? new double[Chunk * n] : null;                 // for the layers: column after column, as MathNet keeps a matrix
        var outputScores = output is null ? null : new double[Chunk * output.Classes];   // from OutputLayer, the same layout
        var errors = new double[Chunk];         // per image: the bound on the first layer's relative error
        var sizes = new double[Chunk];          // per image: the bound on its hidden units' size, either way
        var undecided = new List<int>();
        var correct = 0;
        for (var first0 = firstImage; first0 < last; first0 += Chunk)
        {
            Cores.HelpIfAsked();   // in the background: a training step's products go first
            var count = Math.Min(Chunk, last - first0);
            if (count < Chunk && hidden is not null)
            {
                hidden = new double[count * n];   // a matrix of the last chunk's size
            }
            var scores = outputScores;
            for (var pair = 0; pair < count; pair += 2)
            {
                if (pair % 4 == 2)
                {
                    Cores.HelpIfAsked();   // a training step's parts wait for the helpers: look every few images (~2 µs)
                }
                // two images at a time (the second one empty at the end of an odd chunk)
                var (from, middle) = (start[first0 + pair], start[first0 + pair + 1]);
                var to = pair + 1 < count ? start[first0 + pair + 2] : middle;
                FirstLayer(columns, values, (from, middle - from), (middle, to - middle), ref rows, stride, sums, secondSums);
                for (var i = pair; i < Math.Min(pair + 2, count); i++)
                {
                    var g = errors[i] = bounds.FirstLayerError(i == pair ? middle - from : to - middle);
                    sizes[i] = firstLayer.Hidden(i == pair ? sums : secondSums, g, units);
                    if (output is null)
                    {
                        for (var j = 0; j < n; j++)
                        {
                            hidden![(j * count) + i] = units[j];
                        }
                    }
                    else
                    {
                        output.Scores(units, scores!, count, i);
                    }
                }
            }
            if (output is null)
            {
                var x = forwardAfterFirst(Matrix<double>.Build.Dense(count, n, hidden!));
                scores = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
            }

            for (var i = 0; i < count; i++)
            {
                var image = first0 + i;
                var best = bounds.Decide(scores!, count, i, errors[i], sizes[i]);
                if (best < 0)
                {
                    undecided.Add(image);
                }
                else if (best == labels[image])
                {
                    correct++;
                }
            }
        }

        weightRows = buffer;   // back for this thread's next count (after an exception the next count makes a new one)
        Recomputed = undecided.Count;
        if (undecided.Count > 0)
        {
            var predicted = predictExactly(undecided);
            for (var u = 0; u < undecided.Count; u++)
            {
                correct += predicted[u] == labels[undecided[u]] ? 1 : 0;
            }
        }
        return correct;
    }

    /// <summary>
    /// This thread's buffer for the first layer's weights in single precision (pinned), at least
    /// <paramref name="length"/> floats from its first 64-byte boundary — taken: until it is given back, a count
    /// nested in this one on the same thread makes its own.
    /// </summary>
    private static float[] BorrowWeightRows(int length)
    {
        const int Alignment = 64 / sizeof(float);
        var buffer = weightRows;
        weightRows = null;
        return buffer is not null && buffer.Length >= length + Alignment ? buffer : GC.AllocateArray<float>(length + Alignment, pinned: true);
    }

    /// <summary>The first element of <paramref name="buffer"/> (pinned) on a 64-byte boundary.</summary>
    private static unsafe ref float Aligned(float[] buffer)
    {
        var address = (long)Unsafe.AsPointer(ref buffer[0]);
        return ref buffer[(int)((64 - (address % 64)) % 64) / sizeof(float)];
    }

    /// <summary>
    /// sums[j] ← Σ v·rows[p, j] over one image's non-zero pixels (p, v) — v the pixel's byte, 1 … 255 —
    /// in single precision, each column a chain of fused multiply-adds in increasing order of p; up to
    /// four vectors of columns per pass over the pixels, summed in registers. Two images at once (their
    /// pixels at first … first+count−1 of the lists), into sums and secondSums: each multiply-add waits
    /// for the previous one of its chain, and two images' chains keep the processor twice as busy.
    /// </summary>
    private static void FirstLayer(ushort[] columns, byte[] values, (int First, int Count) image, (int First, int Count) second, ref float rows, int stride, float[] sums, float[] secondSums)
    {
        var lanes = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;
        for (var j0 = 0; j0 < stride; j0 += 4 * lanes)
        {
            ref var w = ref Unsafe.Add(ref rows, j0);
            ref var s = ref sums[j0];
            ref var s2 = ref secondSums[j0];
            switch (Math.Min(4, (stride - j0) / lanes))
            {
                case 1: Pass<Vectors1>(columns, values, image, second, ref w, stride, ref s, ref s2); break;
                case 2: Pass<Vectors2>(columns, values, image, second, ref w, stride, ref s, ref s2); break;
                case 3: Pass<Vectors3>(columns, values, image, second, ref w, stride, ref s, ref s2); break;
                default: Pass<Vectors4>(columns, values, image, second, ref w, stride, ref s, ref s2); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Pass<N>(ushort[] columns, byte[] values, (int First, int Count) image, (int First, int Count) second, ref float w0, int stride, ref float s, ref float s2)
        where N : struct, IVectorCount
    {
        if (!(Vector512.IsHardwareAccelerated && Avx512F.IsSupported))
        {
            Pass256<N>(columns, values, image, ref w0, stride, ref s);
            Pass256<N>(columns, values, second, ref w0, stride, ref s2);
            return;
        }
        ref var p0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(columns), image.First);
        ref var v0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(values), image.First);
        ref var q0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(columns), second.First);
        ref var u0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(values), second.First);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default;
        var both = Math.Min(image.Count, second.Count);
        var t = 0;
        for (; t < both; t++)
        {
            var v = Vector512.Create((float)Unsafe.Add(ref v0, t));
            var u = Vector512.Create((float)Unsafe.Add(ref u0, t));
            ref var r = ref Unsafe.Add(ref w0, (nint)Unsafe.Add(ref p0, t) * stride);
            ref var q = ref Unsafe.Add(ref w0, (nint)Unsafe.Add(ref q0, t) * stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r), a0);
            b0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q), b0);
            if (N.Count > 1) { a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1); }
            if (N.Count > 1) { b1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 16), b1); }
            if (N.Count > 2) { a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2); }
            if (N.Count > 2) { b2 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 32), b2); }
            if (N.Count > 3) { a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3); }
            if (N.Count > 3) { b3 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 48), b3); }
        }
        for (var ta = t; ta < image.Count; ta++)
        {
            var v = Vector512.Create((float)Unsafe.Add(ref v0, ta));
            ref var r = ref Unsafe.Add(ref w0, (nint)Unsafe.Add(ref p0, ta) * stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r), a0);
            if (N.Count > 1) { a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1); }
            if (N.Count > 2) { a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2); }
            if (N.Count > 3) { a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3); }
        }
        for (var tb = t; tb < second.Count; tb++)
        {
            var u = Vector512.Create((float)Unsafe.Add(ref u0, tb));
            ref var q = ref Unsafe.Add(ref w0, (nint)Unsafe.Add(ref q0, tb) * stride);
            b0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q), b0);
            if (N.Count > 1) { b1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 16), b1); }
            if (N.Count > 2) { b2 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 32), b2); }
            if (N.Count > 3) { b3 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 48), b3); }
        }
        a0.StoreUnsafe(ref s);
        b0.StoreUnsafe(ref s2);
        if (N.Count > 1) { a1.StoreUnsafe(ref s, 16); b1.StoreUnsafe(ref s2, 16); }
        if (N.Count > 2) { a2.StoreUnsafe(ref s, 32); b2.StoreUnsafe(ref s2, 32); }
        if (N.Count > 3) { a3.StoreUnsafe(ref s, 48); b3.StoreUnsafe(ref s2, 48); }
    }

    /// <summary>The same for one image with vectors of 8 (a processor without AVX-512).</summary>
    private static void Pass256<N>(ushort[] columns, byte[] values, (int First, int Count) image, ref float w0, int stride, ref float s)
        where N : struct, IVectorCount
    {
        ref var p0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(columns), image.First);
        ref var v0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(values), image.First);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var t = 0; t < image.Count; t++)
        {
            var v = Vector256.Create((float)Unsafe.Add(ref v0, t));
            ref var r = ref Unsafe.Add(ref w0, (nint)Unsafe.Add(ref p0, t) * stride);
            a0 = MultiplyAdd(v, Vector256.LoadUnsafe(ref r), a0);
            if (N.Count > 1) { a1 = MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 8), a1); }
            if (N.Count > 2) { a2 = MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 16), a2); }
            if (N.Count > 3) { a3 = MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 24), a3); }
        }
        a0.StoreUnsafe(ref s);
        if (N.Count > 1) { a1.StoreUnsafe(ref s, 8); }
        if (N.Count > 2) { a2.StoreUnsafe(ref s, 16); }
        if (N.Count > 3) { a3.StoreUnsafe(ref s, 24); }
    }

    // Without FMA each term is rounded twice; the bound allows for it (two roundings per term).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> v, Vector256<float> r, Vector256<float> a) =>
        Fma.IsSupported ? Fma.MultiplyAdd(v, r, a) : (v * r) + a;

    /// <summary>γ(m) = m·u / (1 − m·u): the bound on the relative error of m roundings with unit roundoff u.</summary>
    private static double Gamma(double m, double u) => m * u / (1 - (m * u));

    /// <summary>
    /// The first layer's output for one image from its single-precision sums: h[j] = sums[j]/255 + b[j] in
    /// double precision, and the bound on the size of its hidden units either way, max over j of
    /// |h[j]| + g·(Σₚ|W[p, j]| + |b[j]|) — NaN if any h[j] is NaN.
    /// </summary>
    private sealed class FirstLayerOutput
    {
        private readonly double[] bias;    // b, then zeros to the end of a row
        private readonly double[] sums;    // Σₚ|W[p, j]| + |b[j]|, then zeros

        public FirstLayerOutput(double[] b, double[] absoluteSums, int stride)
        {
            bias = new double[stride];
            sums = new double[stride];
            b.CopyTo(bias, 0);
            absoluteSums.CopyTo(sums, 0);
        }

        public double Hidden(float[] singleSums, double g, double[] h)
        {
            if (!Avx.IsSupported)
            {
                var largest = 0.0;
                for (var j = 0; j < h.Length; j++)
                {
                    h[j] = (singleSums[j] * (1.0 / 255.0)) + bias[j];
                    largest = double.IsNaN(h[j]) ? double.NaN : Math.Max(largest, Math.Abs(h[j]) + (g * sums[j]));
                }
                return largest;
            }
            var size = Vector256<double>.Zero;
            var nan = Vector256<double>.Zero;
            var (scale, error) = (Vector256.Create(1.0 / 255.0), Vector256.Create(g));
            for (var j = 0; j + 4 <= h.Length; j += 4)
            {
                var x = Avx.ConvertToVector256Double(Vector128.Create<float>(singleSums.AsSpan(j)));
                var v = Avx.Add(Avx.Multiply(x, scale), Vector256.Create<double>(bias.AsSpan(j)));
                v.CopyTo(h.AsSpan(j));
                nan = Avx.Or(nan, Avx.CompareUnordered(v, v));
                size = Avx.Max(size, Avx.Add(Vector256.Abs(v), Avx.Multiply(error, Vector256.Create<double>(sums.AsSpan(j)))));
            }
            var result = Math.Max(Math.Max(size[0], size[1]), Math.Max(size[2], size[3]));
            return nan == Vector256<double>.Zero ? result : double.NaN;
        }
    }

    /// <summary>
    /// The second Affine layer for one image at a time, after ReLU: score[c] = Σⱼ max(h[j], 0)·W[j, c] + b[c],
    /// in double precision (in another order of additions than the layer's matrix product: the bounds
    /// allow for the rounding of both).
    /// </summary>
    private sealed class OutputLayer
    {
        private readonly double[] columns;   // W's columns, each padded with zeros to whole vectors of 4
        private readonly double[] bias;
        private readonly int padded;

        public OutputLayer(double[] w, double[] b, int inputs)
        {
            padded = (inputs + 3) / 4 * 4;
            Classes = b.Length;
            bias = b;
            columns = new double[Classes * padded];
            for (var c = 0; c < Classes; c++)
            {
                w.AsSpan(c * inputs, inputs).CopyTo(columns.AsSpan(c * padded));
            }
        }

        public int Classes { get; }

        /// <summary>
        /// scores[c·rows + i] ← the image's score for class c, from its hidden units h (zeros after the last):
        /// four classes at a time, so that four sums are under way at once rather than one waiting for its
        /// previous multiply-add (each class's sum is the same either way).
        /// </summary>
        public void Scores(double[] h, double[] scores, int rows, int i)
        {
            ref var h0 = ref MemoryMarshal.GetArrayDataReference(h);
            ref var w0 = ref MemoryMarshal.GetArrayDataReference(columns);
            var c = 0;
            for (; c + 4 <= Classes; c += 4)
            {
                ref var w = ref Unsafe.Add(ref w0, c * padded);
                Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
                for (var j = 0; j < padded; j += 4)
                {
                    var relu = Relu(ref h0, j);
                    s0 = MultiplyAdd(relu, Vector256.LoadUnsafe(ref w, (nuint)j), s0);
                    s1 = MultiplyAdd(relu, Vector256.LoadUnsafe(ref w, (nuint)(padded + j)), s1);
                    s2 = MultiplyAdd(relu, Vector256.LoadUnsafe(ref w, (nuint)((2 * padded) + j)), s2);
                    s3 = MultiplyAdd(relu, Vector256.LoadUnsafe(ref w, (nuint)((3 * padded) + j)), s3);
                }
                scores[(c * rows) + i] = Vector256.Sum(s0) + bias[c];
                scores[((c + 1) * rows) + i] = Vector256.Sum(s1) + bias[c + 1];
                scores[((c + 2) * rows) + i] = Vector256.Sum(s2) + bias[c + 2];
                scores[((c + 3) * rows) + i] = Vector256.Sum(s3) + bias[c + 3];
            }
            for (; c < Classes; c++)
            {
                ref var w = ref Unsafe.Add(ref w0, c * padded);
                var sum = Vector256<double>.Zero;
                for (var j = 0; j < padded; j += 4)
                {
                    sum = MultiplyAdd(Relu(ref h0, j), Vector256.LoadUnsafe(ref w, (nuint)j), sum);
                }
                scores[(c * rows) + i] = Vector256.Sum(sum) + bias[c];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> Relu(ref double h0, int j) => Vector256.Max(Vector256.LoadUnsafe(ref h0, (nuint)j), Vector256<double>.Zero);   // NaN: undecided anyway

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> MultiplyAdd(Vector256<double> relu, Vector256<double> w, Vector256<double> sum) =>
            Fma.IsSupported ? Fma.MultiplyAdd(relu, w, sum) : sum + (relu * w);
    }

    /// <summary>
    /// How far the single-precision first layer can move each final score: g·Through[k] + the image's own
    /// slack from the double-precision layers, where g bounds the first layer's relative error.
    /// </summary>
    private sealed class ErrorBounds
    {
        private readonly double[] firstLayerSums;    // Σₚ|W[p, j]| + |b[j]| per hidden unit
        private readonly double[] through;           // those sums carried through the later layers, per class
        private readonly List<(bool Affine, double MaxColumnSum, double MaxBias, double Gamma)> later = [];

        private ErrorBounds(double[] firstLayerSums, double[] through)
        {
            this.firstLayerSums = firstLayerSums;
            this.through = through;
        }

        public static ErrorBounds? Of(Matrix<double> firstW, Vector<double> firstB, IReadOnlyList<LayerView> layers)
        {
            var sums = AbsoluteColumnSums(firstW, firstB);
            if (sums is null || firstW.Enumerate().Any(v => Math.Abs(v) > 1e30))
            {
                return null;   // beyond float's range (or not finite): every image in double precision
            }
            var carried = (double[])sums.Clone();
            var later = new List<(bool, double, double, double)>();
            for (var l = 1; l < layers.Count; l++)
            {
                switch (layers[l])
                {
                    case { Kind: LayerKind.Relu }:
                        break;
                    case { Kind: LayerKind.Sigmoid }:
                        for (var j = 0; j < carried.Length; j++)
                        {
                            carried[j] /= 4;
                        }
                        later.Add((false, 0, 0, 0));
                        break;
                    case { Kind: LayerKind.Affine, W: { } W, B: { } B } when W.RowCount == carried.Length && AbsoluteColumnSums(W, null) is { } columnSums:
                        var next = new double[W.ColumnCount];
                        for (var c = 0; c < next.Length; c++)
                        {
                            for (var j = 0; j < carried.Length; j++)
                            {
                                next[c] += Math.Abs(W[j, c]) * carried[j];
                            }
                        }
                        carried = next;
                        var maxBias = B.Count == 0 ? 0 : B.Enumerate().Max(Math.Abs);
                        later.Add((true, columnSums.Max(), maxBias, Gamma(W.RowCount + 1, UnitRoundoffDouble)));
                        break;
                    default:
                        return null;
                }
            }
            if (!carried.All(double.IsFinite))
            {
                return null;
            }
            var bounds = new ErrorBounds(sums, carried);
            bounds.later.AddRange(later);
            return bounds;
        }

        /// <summary>Σₚ|W[p, j]| + |b[j]| for each hidden unit j of the first layer.</summary>
        public double[] FirstLayerSums => firstLayerSums;

        /// <summary>
        /// The bound g on the first layer's relative error for an image with this many non-zero pixels
        /// (a chain of that many fused multiply-adds, W rounded to float, and without FMA one more rounding
        /// per term): hidden unit j moves by at most g·FirstLayerSums[j].
        /// </summary>
        public double FirstLayerError(int nonZeros) => Gamma((2 * nonZeros) + 1, UnitRoundoffSingle) + Slack;

        /// <summary>
        /// The best class of row i of the scores when no rounding of the first layer could change it
        /// (its score beats every other by more than both bounds), else −1. g is the image's
        /// <see cref="FirstLayerError"/>; size bounds its hidden units' absolute values, either way.
        /// </summary>
        public int Decide(double[] scores, int rows, int i, double g, double size)
        {
            var classes = through.Length;
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (scores[(c * rows) + i] > scores[(best * rows) + i])
                {
                    best = c;
                }
            }
            // rounding in the later layers, in both ways of computing them: bounded by the sizes of their terms
            var slack = 0.0;
            foreach (var (affine, maxColumnSum, maxBias, gamma) in later)
            {
                if (affine)
                {
                    slack = (slack * maxColumnSum) + (2 * gamma * ((size * maxColumnSum) + maxBias));
                    size = (size * maxColumnSum) + maxBias;
                }
                else
                {
                    slack = (slack / 4) + 1e-14;
                    size = 1;
                }
            }
            var top = scores[(best * rows) + i];
            var topBound = (g * through[best]) + slack;
            if (!double.IsFinite(top) || !double.IsFinite(topBound))
            {
                return -1;
            }
            for (var c = 0; c < classes; c++)
            {
                if (c != best && !(top - topBound > scores[(c * rows) + i] + (g * through[c]) + slack))
                {
                    return -1;
                }
            }
            return best;
        }

        /// <summary>Σ over each column's entries of |W| (+ |b| for that column when given); null if any is not finite.</summary>
        private static double[]? AbsoluteColumnSums(Matrix<double> W, Vector<double>? b)
        {
            var sums = new double[W.ColumnCount];
            for (var j = 0; j < sums.Length; j++)
            {
                var s = b is null ? 0.0 : Math.Abs(b[j]);
                for (var p = 0; p < W.RowCount; p++)
                {
                    s += Math.Abs(W[p, j]);
                }
                if (!double.IsFinite(s))
                {
                    return null;
                }
                sums[j] = s;
            }
            return sums;
        }
    }
}
