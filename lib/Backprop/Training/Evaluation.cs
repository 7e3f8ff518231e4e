using Backprop.Data;
using Backprop.Engine;
using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Training;

/// <summary>
/// Accuracy on a whole split, as the book computes it — predict every image, compare with its label —
/// with the engine's shortcuts where they give the same count: sparse chunks of images, the first layer
/// in single precision with exact recomputation of the close calls (<see cref="ScreenedAccuracy"/>), and
/// the images shared among the cores.
/// </summary>
internal static class Evaluation
{
    // 200 images: the hidden activations of a chunk (200 × 50 doubles) stay below .NET's large-object size
    private const int Chunk = 200;

    // images per part when an evaluation is shared among the cores
    private const int ImagesPerPart = 5000;

    /// <summary>Whether the screened single-precision count is used (the benchmarks turn it off to measure what it saves).</summary>
    internal static bool UseScreening { get; set; } = true;

    /// <summary>The accuracy of <paramref name="network"/> on <paramref name="split"/>, on this thread.</summary>
    public static double Accuracy(INetwork network, MnistSplit split) => (double)Correct(network, split, 0, split.Count) / split.Count;

    /// <summary>
    /// The accuracies on the training and test splits, the images shared among the cores, each part on a
    /// copy of the weights (the same counts as one pass on this thread). Networks that cannot be copied
    /// are evaluated on this thread.
    /// </summary>
    public static (double Train, double Test) OnAllCores(INetwork network, MnistSplit train, MnistSplit test)
    {
        var total = train.Count + test.Count;
        var parts = Cores.PartsFor(total, ImagesPerPart);
        var copies = new INetwork?[parts];
        for (var p = 1; p < parts; p++)
        {
            copies[p] = (network as LayeredNetwork)?.CopyForPrediction();
            if (copies[p] is null)
            {
                return (Accuracy(network, train), Accuracy(network, test));
            }
        }
        var counts = new (int Train, int Test)[parts];
        Cores.Split(total, parts, (part, first, end) =>
        {
            var copy = part == 0 ? network : copies[part]!;
            // images first … end−1 of the training split followed by the test split
            var trainCorrect = first < train.Count ? Correct(copy, train, first, Math.Min(end, train.Count)) : 0;
            var testCorrect = end > train.Count ? Correct(copy, test, Math.Max(first - train.Count, 0), end - train.Count) : 0;
            counts[part] = (trainCorrect, testCorrect);
        });
        var (trainTotal, testTotal) = (0, 0);
        foreach (var (trainCount, testCount) in counts)
        {
            (trainTotal, testTotal) = (trainTotal + trainCount, testTotal + testCount);
        }
        return ((double)trainTotal / train.Count, (double)testTotal / test.Count);
    }

    /// <summary>
    /// The accuracy of <paramref name="network"/> on <paramref name="split"/>, the images shared among the
    /// cores, each part on a copy of the weights: the same count as <see cref="Accuracy"/> on this thread
    /// (counts are added as integers). What <see cref="Trainer.Accuracy"/> computes, so that a loop written
    /// by hand evaluates as fast as the trainer's first evaluation does. Networks that cannot be copied
    /// are evaluated on this thread.
    /// </summary>
    public static double OnAllCores(INetwork network, MnistSplit split)
    {
        var parts = Cores.PartsFor(split.Count, ImagesPerPart);
        var copies = new INetwork?[parts];
        for (var p = 1; p < parts; p++)
        {
            copies[p] = (network as LayeredNetwork)?.CopyForPrediction();
            if (copies[p] is null)
            {
                return Accuracy(network, split);
            }
        }
        var counts = new int[parts];
        Cores.Split(split.Count, parts, (part, first, end) => counts[part] = Correct(part == 0 ? network : copies[part]!, split, first, end));
        return (double)counts.Sum() / split.Count;
    }

    /// <summary>How many of the images first … end−1 of <paramref name="split"/> the network classifies correctly.</summary>
    public static int Correct(INetwork network, MnistSplit split, int first, int end)
    {
        if (UseScreening && network is LayeredNetwork layered && Screened(layered, split, first, end) is { } count)
        {
            return count;
        }
        var predicted = Predictions(network, split, Enumerable.Range(first, end - first).ToArray());
        var correct = 0;
        for (var k = 0; k < predicted.Length; k++)
        {
            correct += predicted[k] == split.Labels[first + k] ? 1 : 0;
        }
        return correct;
    }

    /// <summary>
    /// The same count by <see cref="ScreenedAccuracy"/> (the first layer in single precision, the close calls
    /// recomputed), or null when the network is not of a form it handles.
    /// </summary>
    public static int? Screened(LayeredNetwork network, MnistSplit split, int first = 0, int? end = null) =>
        ScreenedAccuracy.CountCorrect(Views(network), x => ForwardAfterFirst(network, x), PixelLists(split),
            indices => Predictions(network, split, indices), first, end ?? split.Count);

    /// <summary>The network's predicted class for each image at <paramref name="indices"/>, in double precision, a chunk of images at a time.</summary>
    public static int[] Predictions(INetwork network, MnistSplit split, IReadOnlyList<int> indices)
    {
        var result = new int[indices.Count];
        var chunkIndices = Array.Empty<int>();
        SparseRowMatrix? chunk = null;
        for (var start = 0; start < indices.Count; start += Chunk)
        {
            var count = Math.Min(Chunk, indices.Count - start);
            if (chunk is null || chunk.RowCount != count)
            {
                chunk = new SparseRowMatrix(count, split.Features) { KeepRowsOfW = true };   // W1's rows copied once, not once per chunk
                chunkIndices = new int[count];
            }
            for (var k = 0; k < count; k++)
            {
                chunkIndices[k] = indices[start + k];
            }
            Cores.HelpIfAsked();   // in the background: a training step's products go first
            split.Gather(chunkIndices, chunk);
            Functions.ArgMaxRows(network.Predict(chunk)).CopyTo(result, start);
        }
        return result;
    }

    private static LayerView[] Views(LayeredNetwork network) =>
        network.Layers.Select(named => named.Layer switch
        {
            Affine affine => new LayerView(LayerKind.Affine, affine.W, affine.b),
            Relu => new LayerView(LayerKind.Relu),
            Sigmoid => new LayerView(LayerKind.Sigmoid),
            _ => new LayerView(LayerKind.Other),
        }).ToArray();

    private static Matrix<double> ForwardAfterFirst(LayeredNetwork network, Matrix<double> x)
    {
        for (var l = 1; l < network.Layers.Count; l++)
        {
            x = network.Layers[l].Layer.Forward(x);
        }
        return x;
    }

    private static PixelLists PixelLists(MnistSplit split)
    {
        var (start, columns, values) = split.NonZeroPixelLists;
        return new PixelLists(start, columns, values, split.Labels, split.Features);
    }
}
