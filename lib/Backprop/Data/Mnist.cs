namespace Backprop.Data;

/// <summary>
/// Loads MNIST (or Fashion-MNIST: same files, same format) from a directory holding
/// train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte,
/// each raw or .gz. Without a directory it finds the copy bundled in the repository's data/mnist.
/// </summary>
public static class Mnist
{
    /// <summary>The four file names, without .gz.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Loads both parts; <paramref name="directory"/> defaults to the bundled data/mnist.</summary>
    public static MnistDataset Load(string? directory = null)
    {
        directory = ExistingDirectory(directory);
        // the test split on another thread meanwhile: the training images take most of the time (47 MB to decompress)
        var testTask = Task.Run(() => LoadSplit(directory, "t10k"));
        var train = LoadSplit(directory, "train");
        var test = testTask.GetAwaiter().GetResult();   // its own exception, if it has one
        AmbientCancellation.ThrowIfCancellationRequested();
        train.ListNonZeroPixelsInBackground();   // for training: meanwhile the caller goes on
        test.ListNonZeroPixelsInBackground();
        if (train.Rows != test.Rows || train.Columns != test.Columns)
        {
            throw new InvalidDataException($"{directory}: training images are {train.Rows}×{train.Columns} but test images are {test.Rows}×{test.Columns}");
        }
        return new MnistDataset(train, test, directory);
    }

    /// <summary>
    /// Only the first <paramref name="count"/> training images and labels (all of them when there are
    /// fewer) — what a gradient check needs, read without decompressing the rest.
    /// </summary>
    public static MnistSplit LoadTraining(int count, string? directory = null)
    {
        Sizes.RequirePositive("Mnist.LoadTraining", ("count", count));
        directory = ExistingDirectory(directory);
        return LoadSplit(directory, "train", count);
    }

    /// <summary>
    /// The book's <c>load_mnist(normalize, flatten, one_hot_label)</c>: images as an N × 784 matrix
    /// (flatten) or as 28 × 28 matrices, labels as indices or one-hot rows.
    /// </summary>
    public static (MnistArrays Train, MnistArrays Test) LoadMnist(bool normalize = true, bool flatten = true, bool oneHotLabel = false, string? directory = null)
    {
        var data = Load(directory);
        return (MnistArrays.From(data.Train, normalize, flatten, oneHotLabel), MnistArrays.From(data.Test, normalize, flatten, oneHotLabel));
    }

    /// <summary>
    /// The bundled data/mnist: looked for in $BACKPROP_DATA, then upwards from the current directory
    /// and from the library's own folder.
    /// </summary>
    public static string FindBundled()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BACKPROP_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Mnist).Assembly.Location) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "mnist");
                if (File.Exists(Path.Combine(candidate, FileNames[0] + ".gz")) || File.Exists(Path.Combine(candidate, FileNames[0])))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException(
            "the bundled MNIST (data/mnist) was not found above the current directory — run from the repository, set BACKPROP_DATA, or pass a directory");
    }

    /// <summary>The given directory, or the bundled one when null, after checking that it exists.</summary>
    private static string ExistingDirectory(string? directory)
    {
        directory ??= FindBundled();
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"MNIST directory not found: {directory}");
        }
        return directory;
    }

    private static MnistSplit LoadSplit(string directory, string prefix, int? firstItems = null)
    {
        var imagesPath = Locate(directory, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Locate(directory, $"{prefix}-labels-idx1-ubyte");
        var images = Idx.Read(imagesPath, firstItems);
        var labels = Idx.Read(labelsPath, firstItems);
        if (images.Shape.Length != 3)
        {
            throw new InvalidDataException($"{imagesPath}: expected 3 dimensions (count, rows, columns), found {images.Shape.Length}");
        }
        if (labels.Shape.Length != 1)
        {
            throw new InvalidDataException($"{labelsPath}: expected 1 dimension (count), found {labels.Shape.Length}");
        }
        if (images.Count != labels.Count)
        {
            throw new InvalidDataException($"{imagesPath} has {images.Count} images but {labelsPath} has {labels.Count} labels — they must match");
        }
        var t = new int[labels.Count];
        for (var i = 0; i < t.Length; i++)
        {
            t[i] = labels.Data[i];
            if (t[i] > 9)
            {
                throw new InvalidDataException($"{labelsPath}: label {t[i]} at index {i} is out of range 0…9");
            }
        }
        return new MnistSplit(images.Data, t, images.Shape[1], images.Shape[2]);
    }

    private static string Locate(string directory, string name)
    {
        foreach (var candidate in new[] { name + ".gz", name })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException($"MNIST file not found: {Path.Combine(directory, name)}[.gz]", Path.Combine(directory, name + ".gz"));
    }
}
