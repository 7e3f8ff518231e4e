using Backprop.Data;

namespace Backprop.Cli.Tests;

/// <summary>
/// A tiny MNIST-format data set in a temp folder: each class lights up its own band of rows,
/// so a network learns it in a few iterations.
/// </summary>
public sealed class SyntheticMnist : IDisposable
{
    public SyntheticMnist(int train = 300, int test = 100)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("synthetic-mnist").FullName;
        Write("train", train, seed: 1);
        Write("t10k", test, seed: 2);
    }

    public string Directory { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Write(string prefix, int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 10;
            labels[i] = (byte)label;
            for (var k = 0; k < 784; k++)
            {
                var row = k / 28;
                var lit = row >= label * 2 + 3 && row < label * 2 + 6;
                pixels[i * 784 + k] = (byte)(lit ? 200 + random.Next(56) : random.Next(30));
            }
        }
        Idx.Write(PathOf($"{prefix}-images-idx3-ubyte.gz"), new IdxArray([count, 28, 28], pixels), gzip: true);
        Idx.Write(PathOf($"{prefix}-labels-idx1-ubyte.gz"), new IdxArray([count], labels), gzip: true);
    }
}
