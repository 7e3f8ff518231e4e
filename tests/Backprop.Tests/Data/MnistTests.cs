using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class MnistTests(MnistFixture mnist) : IClassFixture<MnistFixture>, IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("mnist-tests").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Loading_only_the_first_training_images_gives_the_same_images_and_labels()
    {
        var first = Mnist.LoadTraining(5);

        Assert.Equal(5, first.Count);
        Assert.Equal(mnist.Data.Train.Images(0, 5), first.Images());
        Assert.Equal(mnist.Data.Train.Labels[..5], first.Labels);
        Assert.Equal(60000, Mnist.LoadTraining(70000).Count);   // all of them when there are fewer
    }

    [Fact]
    public void Prefetching_is_only_a_hint_it_skips_bad_indices_and_changes_no_gathered_value()
    {
        var train = mnist.Data.Train;
        int[] indices = [59_999, 0, 123, 4_567];
        var before = train.SparseImages(indices).ToColumnMajorArray();

        train.Prefetch([-1, 60_000, int.MaxValue, 5], sparse: true);   // no exception: nothing is read
        train.Prefetch([-1, 60_000, 5], sparse: false);

        Assert.Equal(before, train.SparseImages(indices).ToColumnMajorArray());
        Assert.Equal(train.Images(indices).ToColumnMajorArray(), before);
    }

    [Fact]
    public void Bundled_MNIST_has_the_canonical_sizes_and_label_counts()
    {
        var data = mnist.Data;

        Assert.Equal(60000, data.Train.Count);
        Assert.Equal(10000, data.Test.Count);
        Assert.Equal(784, data.Train.Features);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], data.Train.LabelCounts());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], data.Test.LabelCounts());
        Assert.Equal([5, 0, 4, 1, 9], data.Train.Labels[..5]);
    }

    [Fact]
    public void Images_are_normalised_to_0_1_and_one_hot_labels_have_one_1_per_row()
    {
        var x = mnist.Data.Train.Images(0, 5);
        var raw = mnist.Data.Train.Images(0, 5, normalize: false);
        var t = mnist.Data.Train.Take(5).OneHotLabels();

        Assert.Equal(1.0, x.Enumerate().Max());
        Assert.Equal(255.0, raw.Enumerate().Max());
        Assert.Equal(raw[0, 300] / 255.0, x[0, 300], 15);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(1.0, t.Row(i).Sum()));
        Assert.Equal(1.0, t[0, 5]);
    }

    [Fact]
    public void Book_style_loader_gives_flat_or_28x28_images()
    {
        var image = mnist.Data.Train.Image(0);
        var flat = mnist.Data.Train.Images(0, 1);

        Assert.Equal((28, 28), (image.RowCount, image.ColumnCount));
        Assert.Equal(flat[0, 28 * 10 + 14], image[10, 14]);
    }

    [Fact]
    public void Image_and_label_counts_that_disagree_name_both_files()
    {
        WriteSet("train", 5, 4);
        WriteSet("t10k", 2, 2);

        var e = Assert.Throws<InvalidDataException>(() => Mnist.Load(dir));

        Assert.Contains("train-images-idx3-ubyte.gz has 5 images but", e.Message);
        Assert.Contains("train-labels-idx1-ubyte.gz has 4 labels", e.Message);
    }

    [Fact]
    public void A_missing_file_or_directory_is_named()
    {
        WriteSet("train", 3, 3);
        Assert.Contains("t10k-images-idx3-ubyte", Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir)).Message);
        Assert.Contains("not found", Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load(Path.Combine(dir, "missing"))).Message);
    }

    [Fact]
    public void Labels_above_9_are_refused()
    {
        WriteSet("train", 2, 2, badLabel: true);
        WriteSet("t10k", 2, 2);
        Assert.Contains("label 12 at index 1 is out of range", Assert.Throws<InvalidDataException>(() => Mnist.Load(dir)).Message);
    }

    private void WriteSet(string prefix, int images, int labels, bool badLabel = false)
    {
        Idx.Write(Path.Combine(dir, $"{prefix}-images-idx3-ubyte.gz"), new IdxArray([images, 28, 28], new byte[images * 784]), gzip: true);
        var t = Enumerable.Range(0, labels).Select(i => (byte)(i % 10)).ToArray();
        if (badLabel)
        {
            t[1] = 12;
        }
        Idx.Write(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte.gz"), new IdxArray([labels], t), gzip: true);
    }

    [Theory]
    [InlineData(false)]   // 10,000 images: the two halves listed on two cores meet at image 5,000
    [InlineData(true)]    // and 60,000
    public void Every_images_non_zero_pixels_are_listed_exactly(bool training)
    {
        var split = training ? mnist.Data.Train : mnist.Data.Test;
        var (start, columns, values) = split.NonZeroPixelLists;
        var pixels = split.Pixels;

        var expectedStart = new int[split.Count + 1];
        var expectedColumns = new List<ushort>();
        var expectedValues = new List<byte>();
        for (var i = 0; i < split.Count; i++)
        {
            var image = pixels.Slice(i * split.Features, split.Features);
            for (var p = 0; p < image.Length; p++)
            {
                if (image[p] != 0)
                {
                    expectedColumns.Add((ushort)p);
                    expectedValues.Add(image[p]);
                }
            }
            expectedStart[i + 1] = expectedColumns.Count;
        }
        Assert.Equal(expectedStart, start);
        Assert.Equal(expectedColumns.ToArray(), columns.AsSpan(0, expectedColumns.Count).ToArray());
        Assert.Equal(expectedValues.ToArray(), values.AsSpan(0, expectedValues.Count).ToArray());
    }
}
