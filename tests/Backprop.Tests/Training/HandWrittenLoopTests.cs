using Backprop.Charts;
using Backprop.Data;
using Backprop.Display;
using Backprop.Engine;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Tests.LinearAlgebra;
using Backprop.Training;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Training;

/// <summary>
/// The training loop as a learner writes it by hand (notebook 05): <c>Images(batchMask)</c>,
/// <c>network.Gradient</c>, <c>param.Subtract(lr * grad, param)</c>, <c>Trainer.Accuracy</c> once per epoch.
/// The minibatch it gets is a dense matrix whose products skip the zeros (MinibatchMatrix); these tests check that the numbers are the
/// trainer's and the dense path's, and that the matrix still does what a learner does with a matrix.
/// </summary>
[Collection(CoresCollection.Name)]
public sealed class HandWrittenLoopTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private MnistDataset Slice(int train, int test) => new(mnist.Data.Train.Take(train), mnist.Data.Test.Take(test), mnist.Data.Directory);

    private static (List<double> Loss, List<(double Train, double Test)> Accuracies, TwoLayerNet Network) HandLoop(
        MnistDataset data, int iterations, int evaluateEvery, Func<int[], Matrix<double>> images)
    {
        var network = new TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, weightInitStd: 0.01, seed: 42);
        var random = new Random(42);
        var losses = new List<double>();
        var accuracies = new List<(double, double)>();
        for (var i = 0; i < iterations; i++)
        {
            var batchMask = new int[100];
            for (var k = 0; k < batchMask.Length; k++)
            {
                batchMask[k] = random.Next(data.Train.Count);
            }
            var xBatch = images(batchMask);
            var tBatch = data.Train.LabelsAt(batchMask);
            var grad = network.Gradient(xBatch, tBatch, out var loss);
            foreach (var key in new[] { "W1", "b1", "W2", "b2" })
            {
                var param = network.Params[key];
                param.Subtract(0.1 * grad[key], param);
            }
            losses.Add(loss);
            if (i % evaluateEvery == 0)
            {
                accuracies.Add((Trainer.Accuracy(network, data.Train), Trainer.Accuracy(network, data.Test)));
            }
        }
        return (losses, accuracies, network);
    }

    /// <summary>The images at <paramref name="indices"/> gathered into a dense matrix entry by entry, the plain way.</summary>
    private static Matrix<double> DenseImages(MnistSplit split, IReadOnlyList<int> indices)
    {
        var pixels = split.Pixels;
        var x = Matrix<double>.Build.Dense(indices.Count, split.Features);
        for (var i = 0; i < indices.Count; i++)
        {
            for (var p = 0; p < split.Features; p++)
            {
                x[i, p] = pixels[(indices[i] * split.Features) + p] * (1.0 / 255.0);   // as MnistSplit scales
            }
        }
        return x;
    }

    [Fact]
    public void A_hand_written_loop_gives_the_trainers_losses_and_accuracies()
    {
        var data = Slice(6000, 1000);
        var hand = HandLoop(data, 301, 100, indices => data.Train.Images(indices));
        var library = new TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, weightInitStd: 0.01, seed: 42);
        var history = new Trainer(library, data, new TrainingOptions { Iterations = 301, EvaluateEvery = 100, Seed = 42 }).Run();

        Assert.Equal(301, hand.Loss.Count);
        Assert.True(hand.Loss.Zip(history.Loss).Max(p => Math.Abs(p.First - p.Second)) <= 1e-12);
        Assert.Equal(history.Epochs.Select(e => (e.TrainAccuracy, e.TestAccuracy)), hand.Accuracies);
        Assert.True(hand.Accuracies[^1].Test > 0.8, $"test accuracy {hand.Accuracies[^1].Test} after 301 steps");
    }

    [Fact]
    public void A_hand_written_loop_gives_the_dense_minibatchs_numbers()
    {
        var data = Slice(6000, 1000);
        var sparse = HandLoop(data, 201, 100, indices => data.Train.Images(indices));
        var dense = HandLoop(data, 201, 100, indices => DenseImages(data.Train, indices));

        Assert.True(sparse.Loss.Zip(dense.Loss).Max(p => Math.Abs(p.First - p.Second)) <= 1e-12);
        Assert.Equal(dense.Accuracies, sparse.Accuracies);
        var weights = sparse.Network.Params["W1"] - dense.Network.Params["W1"];
        Assert.True(weights.Enumerate().Max(Math.Abs) <= 1e-12);
    }

    [Fact]
    public void The_minibatch_does_what_a_learner_does_with_a_matrix()
    {
        var split = mnist.Data.Train;
        int[] indices = [7, 0, 59999, 7, 123];
        var x = split.Images(indices);
        var d = DenseImages(split, indices);

        Assert.Equal(5, x.RowCount);
        Assert.Equal(784, x.ColumnCount);
        Assert.Equal(d.ToColumnMajorArray(), x.ToColumnMajorArray());
        Assert.Equal(d.ToRowArrays(), x.ToRowArrays());
        Assert.Equal(d.Row(2).ToArray(), x.Row(2).ToArray());
        Assert.Equal(d[4, 300], x[4, 300]);
        Assert.Equal(d.Transpose().ToColumnMajorArray(), x.Transpose().ToColumnMajorArray());
        Assert.Equal((d * 2.0).ToColumnMajorArray(), (x * 2.0).ToColumnMajorArray());
        Assert.Equal((d + d).ToColumnMajorArray(), (x + d).ToColumnMajorArray());
        AssertClose(d.RowSums().ToColumnMatrix(), x.RowSums().ToColumnMatrix());
        Assert.Equal(MatrixDisplay.ToPlainText(d), MatrixDisplay.ToPlainText(x));
        Assert.Equal(Pixels(DigitImage.FromRow(d, 2)), Pixels(DigitImage.FromRow(x, 2)));
        Assert.Contains("784", x.ToString());

        var random = new Random(3);
        var W = Matrix<double>.Build.Dense(784, 50, (_, _) => random.NextDouble() - 0.5);
        var dout = Matrix<double>.Build.Dense(5, 50, (_, _) => random.NextDouble() - 0.5);
        AssertClose(d * W, x * W);
        AssertClose(d.TransposeThisAndMultiply(dout), x.TransposeThisAndMultiply(dout));

        x[1, 0] = 0.5;   // a learner's own edit, after a product: the next product sees it
        d[1, 0] = 0.5;
        W[0, 3] = 2.0;
        AssertClose(d * W, x * W);
    }

    [Fact]
    public void Minibatches_made_one_after_another_share_scratch_but_not_results()
    {
        var split = mnist.Data.Train;
        var random = new Random(5);
        var W = Matrix<double>.Build.Dense(784, 50, (_, _) => random.NextDouble() - 0.5);
        var dout = Matrix<double>.Build.Dense(100, 50, (_, _) => random.NextDouble() - 0.5);
        int[] first = Enumerable.Range(0, 100).ToArray(), second = Enumerable.Range(1000, 100).ToArray();
        var (a, b) = (split.Images(first), split.Images(second));
        var (da, db) = (DenseImages(split, first), DenseImages(split, second));

        // interleaved, and with an evaluation (which keeps its own buffers) in between
        var aW = a * W;
        var bW = b * W;
        var accuracy = Trainer.Accuracy(new TwoLayerNet(784, 50, 10, seed: 1), mnist.Data.Test);
        var aT = a.TransposeThisAndMultiply(dout);
        var aW2 = a * W;

        AssertClose(da * W, aW);
        AssertClose(db * W, bW);
        AssertClose(da.TransposeThisAndMultiply(dout), aT);
        AssertClose(da * W, aW2);
        Assert.InRange(accuracy, 0.0, 0.3);   // untrained: about one in ten
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Trainer_Accuracy_shared_among_cores_counts_what_one_pass_counts(int parts)
    {
        var data = Slice(6000, 10000);
        var network = HandLoop(data, 101, 1000, indices => data.Train.Images(indices)).Network;
        var onOneThread = (Evaluation.Accuracy(network, data.Train), Evaluation.Accuracy(network, data.Test));
        Cores.ForcedParts = parts;
        try
        {
            Assert.Equal(onOneThread, (Trainer.Accuracy(network, data.Train), Trainer.Accuracy(network, data.Test)));
        }
        finally
        {
            Cores.ForcedParts = null;
        }
        Assert.InRange(onOneThread.Item2, 0.7, 0.95);
    }

    private static double[] Pixels(DigitImage image) =>
        Enumerable.Range(0, image.Height).SelectMany(y => Enumerable.Range(0, image.Width).Select(x => image[x, y])).ToArray();

    private static void AssertClose(Matrix<double> expected, Matrix<double> actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        var largest = (expected - actual).Enumerate().Max(Math.Abs);
        Assert.True(largest <= 1e-12, $"largest difference {largest}");
    }
}
