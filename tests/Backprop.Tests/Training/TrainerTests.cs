using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Tests.Training;

public sealed class TrainerTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private MnistDataset Slice(int train, int test) => new(mnist.Data.Train.Take(train), mnist.Data.Test.Take(test), mnist.Data.Directory);

    [Fact]
    public void A_short_run_on_a_slice_of_MNIST_reaches_over_90_percent_test_accuracy()
    {
        var data = Slice(10000, 2000);
        var trainer = new Trainer(new TwoLayerNet(784, 50, 10, seed: 1), data, new TrainingOptions { Iterations = 2501, EvaluateEvery = 500 });

        var history = trainer.Run();

        Assert.Equal(2501, history.Loss.Count);
        Assert.Equal([0, 500, 1000, 1500, 2000, 2500], history.Epochs.Select(e => e.Iteration));
        Assert.True(history.FinalTestAccuracy > 0.90, $"test accuracy {history.FinalTestAccuracy}");
        Assert.True(history.Epochs[0].TestAccuracy < 0.5, "the first evaluation comes after one update");
        Assert.True(history.Loss.TakeLast(100).Average() < history.Loss.Take(100).Average() / 3);
    }

    [Fact]
    public void Evaluating_on_another_core_gives_the_same_history_as_evaluating_in_between()
    {
        var data = Slice(5000, 1000);
        var options = new TrainingOptions { Iterations = 301, EvaluateEvery = 100 };
        var reported = new List<EpochResult>();
        var inBackground = new Trainer(new TwoLayerNet(784, 30, 10, seed: 2), data, options).Run(p =>
        {
            if (p.Epoch is { } e)
            {
                reported.Add(e);
            }
        });
        var inBetween = new Trainer(new TwoLayerNet(784, 30, 10, seed: 2), data, options with { EvaluateInBackground = false }).Run();

        static object Numbers(EpochResult e) => (e.Epoch, e.Iteration, e.TrainAccuracy, e.TestAccuracy, e.Loss);
        Assert.Equal(inBetween.Loss, inBackground.Loss);
        Assert.Equal(inBetween.Epochs.Select(Numbers), inBackground.Epochs.Select(Numbers));
        Assert.Equal([0, 100, 200, 300], inBackground.Epochs.Select(e => e.Iteration));
        Assert.Equal(inBackground.Epochs, reported);   // each reported once, in order
    }

    [Fact]
    public void Sparse_and_dense_minibatches_learn_the_same()
    {
        var data = Slice(3000, 500);
        var options = new TrainingOptions { Iterations = 200, EvaluateEvery = 100 };
        var sparse = new Trainer(new TwoLayerNet(784, 30, 10, seed: 6), data, options).Run();
        var dense = new Trainer(new TwoLayerNet(784, 30, 10, seed: 6), data, options with { SparseMinibatches = false }).Run();

        Assert.Equal(dense.Loss.Count, sparse.Loss.Count);
        for (var i = 0; i < dense.Loss.Count; i++)
        {
            Assert.Equal(dense.Loss[i], sparse.Loss[i], 1e-9);   // rounding differences only
        }
        Assert.Equal(dense.Epochs.Select(e => e.TestAccuracy), sparse.Epochs.Select(e => e.TestAccuracy));
    }

    [Fact]
    public void A_copy_for_prediction_predicts_the_same_and_keeps_its_weights()
    {
        var network = new TwoLayerNet(784, 20, 10, seed: 4);
        var x = mnist.Data.Test.SparseImages(0, 50);
        var copy = network.CopyForPrediction()!;
        var before = network.Predict(x);

        network.Params["W1"].MapInplace(w => w * 2);

        Assert.Equal(before, copy.Predict(x));
        Assert.NotEqual(before, network.Predict(x));
    }

    [Fact]
    public void Evaluating_every_0_iterations_never_evaluates()
    {
        var history = new Trainer(new TwoLayerNet(784, 10, 10, seed: 1), Slice(1000, 100), new TrainingOptions { Iterations = 30, EvaluateEvery = 0 }).Run();

        Assert.Equal(30, history.Loss.Count);
        Assert.Empty(history.Epochs);
        Assert.True(double.IsNaN(history.FinalTestAccuracy));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new TwoLayerNet(784, 10, 10, seed: 1), Slice(1000, 100), new TrainingOptions { EvaluateEvery = -1 }));
    }

    [Fact]
    public void The_defaults_are_the_chapter_experiment()
    {
        var options = new TrainingOptions();
        Assert.Equal((10000, 100, 0.1, "sgd"), (options.Iterations, options.BatchSize, options.LearningRate, options.Optimizer));
    }

    [Fact]
    public void One_epoch_is_the_training_size_over_the_batch_size()
    {
        var trainer = new Trainer(new TwoLayerNet(784, 10, 10, seed: 1), Slice(1000, 100), new TrainingOptions { Iterations = 25, BatchSize = 100 });
        Assert.Equal([0, 10, 20], trainer.Run().Epochs.Select(e => e.Iteration));
    }

    [Fact]
    public void Same_seed_same_run()
    {
        var data = Slice(2000, 200);
        var options = new TrainingOptions { Iterations = 50, Seed = 3 };
        var a = new Trainer(new TwoLayerNet(784, 20, 10, seed: 1), data, options).Run();
        var b = new Trainer(new TwoLayerNet(784, 20, 10, seed: 1), data, options).Run();
        var c = new Trainer(new TwoLayerNet(784, 20, 10, seed: 1), data, options with { Seed = 4 }).Run();

        Assert.Equal(a.Loss, b.Loss);
        Assert.NotEqual(a.Loss, c.Loss);
    }

    [Fact]
    public void Cancellation_stops_between_steps_and_keeps_the_history()
    {
        using var cancellation = new CancellationTokenSource();
        var trainer = new Trainer(new TwoLayerNet(784, 10, 10, seed: 1), Slice(1000, 100), new TrainingOptions { Iterations = 1000 });

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(p =>
        {
            if (p.Iteration == 7)
            {
                cancellation.Cancel();
            }
        }, cancellation.Token));

        Assert.Equal(7, trainer.History.Loss.Count);
    }

    [Fact]
    public void A_learning_rate_that_blows_up_stops_with_the_iteration_and_keeps_the_history()
    {
        var trainer = new Trainer(new TwoLayerNet(784, 10, 10, seed: 1), Slice(1000, 100), new TrainingOptions { Iterations = 100, LearningRate = 1e300 });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Run());

        Assert.Contains($"at iteration {e.Iteration}", e.Message);
        Assert.Contains("try a smaller one", e.Message);
        Assert.Equal(e.Iteration, trainer.History.Loss.Count);
        Assert.True(e.Iteration < 100);
    }

    [Theory]
    [InlineData(0, 100, 0.1, "iterations must be positive")]
    [InlineData(10, 0, 0.1, "batch size must be positive")]
    [InlineData(10, 5000, 0.1, "batch size 5000 is larger than the training set (1000 images)")]
    [InlineData(10, 100, -1.0, "learning rate must be a positive number")]
    [InlineData(10, 100, double.NaN, "learning rate must be a positive number")]
    public void Bad_options_are_named(int iterations, int batch, double lr, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Trainer(new TwoLayerNet(784, 10, 10), Slice(1000, 100),
            new TrainingOptions { Iterations = iterations, BatchSize = batch, LearningRate = lr }));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("sgd", 0.1)]
    [InlineData("momentum", 0.05)]
    [InlineData("adagrad", 0.05)]
    [InlineData("adam", 0.002)]
    public void Every_optimizer_lowers_the_loss(string optimizer, double lr)
    {
        var trainer = new Trainer(new TwoLayerNet(784, 30, 10, seed: 1), Slice(3000, 500), new TrainingOptions { Iterations = 300, LearningRate = lr, Optimizer = optimizer });
        var history = trainer.Run();
        Assert.True(history.Loss.TakeLast(30).Average() < 0.6 * history.Loss.Take(30).Average(),
            $"{optimizer}: {history.Loss.Take(30).Average():F3} → {history.Loss.TakeLast(30).Average():F3}");
        Assert.True(history.FinalTestAccuracy > 0.8, $"{optimizer}: {history.FinalTestAccuracy}");
    }

    [Fact]
    public void An_unknown_optimizer_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Backprop.Optimizers.Optimizer.Create("rmsprop", 0.1));
        Assert.Contains("unknown optimizer 'rmsprop' — use one of sgd, momentum, adagrad, adam", e.Message);
    }
}
