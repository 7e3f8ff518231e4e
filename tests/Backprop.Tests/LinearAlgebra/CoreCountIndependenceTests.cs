using Backprop.Networks;
using Backprop.Training;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>
/// A run's numbers do not depend on the machine's cores: the same bits whether the work is cut into 1, 2,
/// 4 or 7 parts (a learner's 16-core laptop and a 1-core container get the same figures as this machine).
/// </summary>
[Collection(CoresCollection.Name)]
public sealed class CoreCountIndependenceTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private static readonly int[] PartCounts = [1, 2, 4, 7];

    private static T WithParts<T>(int parts, Func<T> run)
    {
        Cores.ForcedParts = parts;
        try
        {
            return run();
        }
        finally
        {
            Cores.ForcedParts = null;
        }
    }

    [Fact]
    public void Training_gives_the_same_weights_losses_and_accuracies_for_any_number_of_parts()
    {
        var runs = PartCounts.Select(parts => WithParts(parts, () =>
        {
            var network = new TwoLayerNet(784, 50, 10, seed: 11);
            var history = new Trainer(network, mnist.Data, new TrainingOptions { Iterations = 120, EvaluateEvery = 60, Seed = 11 }).Run();
            return (Params: network.Params.ToDictionary(p => p.Key, p => p.Value.ToColumnMajorArray()), history.Loss, Epochs: history.Epochs.Select(e => (e.TrainAccuracy, e.TestAccuracy)).ToList());
        })).ToList();

        foreach (var run in runs.Skip(1))
        {
            foreach (var (name, values) in runs[0].Params)
            {
                Assert.Equal(Bits(values), Bits(run.Params[name]));
            }
            Assert.Equal(Bits(runs[0].Loss.ToArray()), Bits(run.Loss.ToArray()));
            Assert.Equal(runs[0].Epochs, run.Epochs);
        }
        Assert.Equal(2, runs[0].Epochs.Count);
        Assert.InRange(runs[0].Epochs[^1].TestAccuracy, 0.5, 0.9);   // 0.58 after 61 steps of 100 images: learning has begun
    }

    [Fact]
    public void The_sparse_products_give_the_same_bits_for_any_number_of_parts()
    {
        var train = mnist.Data.Train;
        var x = train.SparseImages(0, 300);
        var random = new Random(5);
        var W = Matrix<double>.Build.Dense(784, 50, (_, _) => random.NextDouble() - 0.5);
        var dout = Matrix<double>.Build.Dense(300, 50, (_, _) => random.NextDouble() - 0.5);

        var products = PartCounts.Select(parts => WithParts(parts, () =>
            (Forward: (x * W).ToColumnMajorArray(), Backward: x.TransposeThisAndMultiply(dout).ToColumnMajorArray()))).ToList();

        foreach (var product in products.Skip(1))
        {
            Assert.Equal(Bits(products[0].Forward), Bits(product.Forward));
            Assert.Equal(Bits(products[0].Backward), Bits(product.Backward));
        }
        Assert.Equal((x * W).ToColumnMajorArray(), products[0].Forward);
    }

    [Fact]
    public void Evaluations_shared_among_the_cores_give_the_same_counts_for_any_number_of_parts()
    {
        var network = new TwoLayerNet(784, 50, 10, seed: 2);
        new Trainer(network, mnist.Data, new TrainingOptions { Iterations = 100, EvaluateEvery = 0, Seed = 2 }).Run();
        var alone = (Evaluation.Accuracy(network, mnist.Data.Train), Evaluation.Accuracy(network, mnist.Data.Test));

        foreach (var parts in PartCounts)
        {
            Assert.Equal(alone, WithParts(parts, () => Evaluation.OnAllCores(network, mnist.Data.Train, mnist.Data.Test)));
        }
    }

    [Fact]
    public void The_numerical_gradient_shared_among_the_cores_gives_the_books_bits_for_any_number_of_parts()
    {
        var train = mnist.Data.Train;
        var (x, t) = (train.SparseImages(0, 3), train.Labels[..3]);
        var network = new TwoLayerNet(784, 20, 10, seed: 4);
        var book = network.NumericalGradient(x, t);

        foreach (var parts in PartCounts)
        {
            var shared = WithParts(parts, () => FastGradientCheck.NumericalGradient(network, x, t));
            foreach (var (name, grad) in book)
            {
                Assert.Equal(Bits(grad.ToColumnMajorArray()), Bits(shared[name].ToColumnMajorArray()));
            }
        }
        Assert.Equal(GradientCheck.Run(network, x, t), FastGradientCheck.Run(network, x, t));
    }

    [RequiresBlasFact]
    public void A_large_dense_product_split_by_rows_gives_the_same_bits_for_any_number_of_parts()
    {
        var blas = BlasAvailability.Blas!;
        var random = new Random(3);
        var (m, k, n) = (400, 784, 50);   // 31 MFLOP: split by rows of the result
        var a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();

        var results = PartCounts.Select(parts => WithParts(parts, () =>
        {
            var c = new double[m * n];
            blas.Dgemm(false, false, 1.0, a, m, k, b, k, n, 0.0, c);
            return c;
        })).ToList();

        foreach (var c in results.Skip(1))
        {
            Assert.Equal(Bits(results[0]), Bits(c));
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
