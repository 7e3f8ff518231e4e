using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Backprop.Engine;
using Backprop.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Data;

/// <summary>
/// One part of MNIST (training or test): images kept as bytes (0–255, one row of Rows × Columns per
/// image, 47 MB for 60,000 rather than 376 MB of doubles) and labels 0–9. Matrices are made on demand.
/// </summary>
public sealed class MnistSplit
{
    private readonly byte[] pixels;
    private readonly int[] labels;
    private NonZeroPixels? nonZeros;
    private Task<NonZeroPixels>? listing;   // see ListNonZeroPixelsInBackground

    /// <summary>Creates a split from raw pixels (count × rows × columns bytes) and labels.</summary>
    public MnistSplit(byte[] pixels, int[] labels, int rows, int columns, int classes = 10)
    {
        Sizes.RequirePositive(nameof(MnistSplit), ("rows", rows), ("columns", columns), ("classes", classes));
        if ((long)labels.Length * rows * columns != pixels.LongLength)
        {
            throw new ArgumentException($"MnistSplit: {labels.Length} labels but {pixels.Length} pixel bytes ({rows}×{columns} per image)");
        }
        Backprop.Labels.Require(nameof(MnistSplit), labels, labels.Length, classes);
        this.pixels = pixels;
        this.labels = labels;
        Rows = rows;
        Columns = columns;
        Classes = classes;
    }

    /// <summary>The number of images.</summary>
    public int Count => labels.Length;

    /// <summary>Image height in pixels (28).</summary>
    public int Rows { get; }

    /// <summary>Image width in pixels (28).</summary>
    public int Columns { get; }

    /// <summary>Pixels per image (784): the input size of the network.</summary>
    public int Features => Rows * Columns;

    /// <summary>The number of classes (10).</summary>
    public int Classes { get; }

    /// <summary>The labels as class indices.</summary>
    public int[] Labels => labels;

    /// <summary>The raw pixel bytes, image after image.</summary>
    public ReadOnlySpan<byte> Pixels => pixels;

    /// <summary>All images as an N × 784 matrix, pixels scaled to [0, 1] when <paramref name="normalize"/>.</summary>
    public Matrix<double> Images(bool normalize = true) => Images(0, Count, normalize);

    /// <summary>Images start … start+count−1 as a count × 784 matrix.</summary>
    public Matrix<double> Images(int start, int count, bool normalize = true)
    {
        var x = Matrix<double>.Build.Dense(count, Features);
        Gather(Range(start, count), x, normalize);
        return x;
    }

    /// <summary>
    /// The images at <paramref name="indices"/> as a matrix, one row each (a minibatch, 미니배치). It prints,
    /// indexes, transposes and computes like any MathNet matrix, and its products <c>x * W</c> and
    /// <c>x.TransposeThisAndMultiply(dout)</c> skip the zero pixels, as in the trainer's own steps (a
    /// <see cref="MinibatchMatrix"/>).
    /// </summary>
    public Matrix<double> Images(IReadOnlyList<int> indices, bool normalize = true) => new MinibatchMatrix(SparseImages(indices, normalize));

    /// <summary>
    /// The images at <paramref name="indices"/> as a sparse matrix (희소 행렬) that keeps only the non-zero
    /// pixels — about 19% of them. Products with it skip the zeros: <c>x * W1</c> costs a fifth of the dense one.
    /// </summary>
    public SparseRowMatrix SparseImages(IReadOnlyList<int> indices, bool normalize = true)
    {
        var x = new SparseRowMatrix(indices.Count, Features);
        Gather(indices, x, normalize);
        return x;
    }

    /// <summary>Images start … start+count−1 as a sparse count × 784 matrix.</summary>
    public SparseRowMatrix SparseImages(int start, int count, bool normalize = true)
    {
        return SparseImages(Range(start, count), normalize);
    }

    /// <summary>The labels at <paramref name="indices"/>.</summary>
    public int[] LabelsAt(IReadOnlyList<int> indices)
    {
        var t = new int[indices.Count];
        for (var i = 0; i < t.Length; i++)
        {
            t[i] = labels[indices[i]];
        }
        return t;
    }

    /// <summary>Image <paramref name="index"/> as a 28 × 28 matrix (the book's flatten=False).</summary>
    public Matrix<double> Image(int index, bool normalize = true)
    {
        var row = Images(index, 1, normalize);
        return Matrix<double>.Build.Dense(Rows, Columns, (i, j) => row[0, i * Columns + j]);
    }

    /// <summary>All labels one-hot (원-핫): an N × 10 matrix.</summary>
    public Matrix<double> OneHotLabels() => Backprop.Labels.OneHot(labels, Classes);

    /// <summary>The first <paramref name="count"/> images and labels as a new split (for short runs).</summary>
    public MnistSplit Take(int count)
    {
        if (count <= 0 || count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"MnistSplit: cannot take {count} images from {Count}");
        }
        return new MnistSplit(pixels.AsSpan(0, count * Features).ToArray(), labels.AsSpan(0, count).ToArray(), Rows, Columns, Classes);
    }

    /// <summary>How many images there are of each class.</summary>
    public int[] LabelCounts()
    {
        var counts = new int[Classes];
        foreach (var t in labels)
        {
            counts[t]++;
        }
        return counts;
    }

    /// <summary>Fills the rows of <paramref name="x"/> with the images at <paramref name="indices"/>.</summary>
    internal void Gather(IReadOnlyList<int> indices, Matrix<double> x, bool normalize = true)
    {
        RequireRowPerImage(indices, x);
        var scale = normalize ? 1.0 / 255.0 : 1.0;
        var data = x.AsColumnMajorArray() ?? throw new ArgumentException("MnistSplit: x must be a dense matrix");
        var n = indices.Count;
        // x is column-major (pixel k of image i at data[k * n + i]); about 81% of the pixels are 0, so the
        // buffer is cleared once and only the non-zero pixels are written, found 32 at a time.
        data.AsSpan(0, n * Features).Clear();
        for (var i = 0; i < n; i++)
        {
            var index = indices[i];
            RequireImage(index);
            var image = pixels.AsSpan(index * Features, Features);
            var k = 0;
            for (; k + Vector256<byte>.Count <= image.Length; k += Vector256<byte>.Count)
            {
                var nonZero = ~Vector256.Equals(Vector256.Create<byte>(image.Slice(k)), Vector256<byte>.Zero).ExtractMostSignificantBits();
                while (nonZero != 0)
                {
                    var p = k + BitOperations.TrailingZeroCount(nonZero);
                    nonZero &= nonZero - 1;
                    data[p * n + i] = image[p] * scale;
                }
            }
            for (; k < image.Length; k++)
            {
                if (image[k] != 0)
                {
                    data[k * n + i] = image[k] * scale;
                }
            }
        }
    }

    /// <summary>Fills <paramref name="x"/> with the non-zero pixels of the images at <paramref name="indices"/>, one row each.</summary>
    internal void Gather(IReadOnlyList<int> indices, SparseRowMatrix x, bool normalize = true)
    {
        RequireRowPerImage(indices, x);
        Prefetch(indices, sparse: true);   // all the images' loads under way at once, rather than one image at a time
        var nz = NonZeros;
        var total = 0;
        for (var i = 0; i < indices.Count; i++)
        {
            var index = indices[i];
            RequireImage(index);
            total += nz.Start[index + 1] - nz.Start[index];
        }

        var scaled = normalize ? Normalized : Unscaled;
        x.Refill(total, out var rowPointers, out var columnIndices, out var values);
        var k = 0;
        for (var i = 0; i < indices.Count; i++)
        {
            rowPointers[i] = k;
            var start = nz.Start[indices[i]];
            var length = nz.Start[indices[i] + 1] - start;
            TensorPrimitives.ConvertChecked<ushort, int>(nz.Columns.AsSpan(start, length), columnIndices.AsSpan(k, length));
            var pixelValues = nz.Values.AsSpan(start, length);
            var target = values.AsSpan(k, length);
            for (var t = 0; t < pixelValues.Length; t++)
            {
                target[t] = scaled[pixelValues[t]];
            }
            k += length;
        }
        rowPointers[indices.Count] = k;
    }

    /// <summary>
    /// Asks the processor to start loading the images at <paramref name="indices"/> into its caches (their
    /// non-zero pixels when <paramref name="sparse"/>, else their bytes), so that gathering them later does
    /// not wait for memory: the trainer calls it a step ahead, and the sparse gather once more just
    /// before it copies (a minibatch of random images is otherwise ~700 cache misses, one image after
    /// another). A hint only (<see cref="CacheHints"/>) — indices outside the split are skipped, nothing is read.
    /// </summary>
    internal void Prefetch(IReadOnlyList<int> indices, bool sparse)
    {
        if (!CacheHints.IsSupported)
        {
            return;
        }
        var nz = sparse ? NonZeros : null;
        for (var i = 0; i < indices.Count; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)Count)
            {
                continue;
            }
            if (nz is null)
            {
                CacheHints.Prefetch(pixels, index * Features, Features);
                continue;
            }
            var (first, end) = (nz.Start[index], nz.Start[index + 1]);
            CacheHints.Prefetch(nz.Columns, first, end - first);
            CacheHints.Prefetch(nz.Values, first, end - first);
        }
    }

    /// <summary>The indices start … start+count−1, after checking that they are images of this split.</summary>
    private int[] Range(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"MnistSplit: images {start}…{start + count - 1} are outside 0…{Count - 1}");
        }
        return Enumerable.Range(start, count).ToArray();
    }

    private void RequireRowPerImage(IReadOnlyList<int> indices, Matrix<double> x)
    {
        if (x.RowCount != indices.Count || x.ColumnCount != Features)
        {
            throw new ArgumentException($"MnistSplit: x is {Shapes.Of(x)} but {indices.Count} images of {Features} pixels need {indices.Count}×{Features}");
        }
    }

    private void RequireImage(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException("indices", $"MnistSplit: image index {index} is outside 0…{Count - 1}");
        }
    }

    /// <summary>Each byte value v as the double v / 255 (the same number as computing it), and as itself.</summary>
    private static readonly double[] Normalized = Enumerable.Range(0, 256).Select(v => v * (1.0 / 255.0)).ToArray();
    private static readonly double[] Unscaled = Enumerable.Range(0, 256).Select(v => (double)v).ToArray();

    /// <summary>
    /// Every image's non-zero pixels: image i's are at Start[i] … Start[i+1]−1 of Columns (the pixel's
    /// position, increasing) and Values (its byte, 1 … 255).
    /// </summary>
    internal (int[] Start, ushort[] Columns, byte[] Values) NonZeroPixelLists => (NonZeros.Start, NonZeros.Columns, NonZeros.Values);

    /// <summary>
    /// Starts listing every image's non-zero pixels on another thread, for the sparse minibatches and the
    /// evaluations (~0.1 s of work for the training split): <see cref="Mnist.Load"/> calls it, so that
    /// whatever comes before the first minibatch (building the network, the first output) overlaps it.
    /// </summary>
    internal void ListNonZeroPixelsInBackground()
    {
        if (Volatile.Read(ref nonZeros) is null && listing is null)
        {
            listing = Task.Run(() => NonZeroPixels.Of(pixels, Count, Features));
        }
    }

    /// <summary>Every image's non-zero pixels (position and value), listed once on first use (or in the background, when started): 3 bytes per non-zero pixel.</summary>
    private NonZeroPixels NonZeros => LazyInitializer.EnsureInitialized(ref nonZeros, () => listing is { } started ? started.GetAwaiter().GetResult() : NonZeroPixels.Of(pixels, Count, Features));

    private sealed record NonZeroPixels(int[] Start, ushort[] Columns, byte[] Values)
    {
        public static NonZeroPixels Of(byte[] pixels, int count, int features)
        {
            if (features > ushort.MaxValue + 1)
            {
                throw new NotSupportedException($"MnistSplit: images of {features} pixels are more than the 65,536 a sparse minibatch can index");
            }
            // two passes, each split over the cores: count every image's non-zero pixels, then list them —
            // 60,000 images take about 0.1 s on one core
            var parts = Cores.PartsFor(count, 2000);
            var start = new int[count + 1];
            Cores.Split(count, parts, (_, first, end) =>
            {
                for (var i = first; i < end; i++)
                {
                    start[i + 1] = features - pixels.AsSpan(i * features, features).Count((byte)0);
                }
            });
            for (var i = 0; i < count; i++)
            {
                start[i + 1] += start[i];
            }
            var total = start[count];

            var columns = LargeArrays.ForWriting<ushort>(total);   // every entry is written below
            var values = LargeArrays.ForWriting<byte>(total);
            Cores.Split(count, parts, (_, first, end) =>
            {
                var k = start[first];
                for (var i = first; i < end; i++)
                {
                    // without a branch per pixel (a stroke's edges would mispredict it): every pixel up to the
                    // image's last non-zero one is written, and the position moves on only past a non-zero one
                    var image = pixels.AsSpan(i * features, features);
                    var last = image.LastIndexOfAnyExcept((byte)0);
                    for (var p = 0; p <= last; p++)
                    {
                        var v = image[p];
                        columns[k] = (ushort)p;
                        values[k] = v;
                        k += v != 0 ? 1 : 0;
                    }
                }
            });
            return new NonZeroPixels(start, columns, values);
        }
    }
}
