using Backprop.Cli.Commands;
using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli.Tests;

public sealed class TrainingWarmUpTests : IDisposable
{
    private readonly SyntheticMnist files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task A_run_during_the_warm_up_gets_the_same_numbers_as_one_without_it()
    {
        var data = Mnist.Load(files.Directory);
        var options = new TrainingOptions { Iterations = 90, BatchSize = 20, EvaluateEvery = 30 };
        var alone = Run(data, options);

        var warmUp = TrainingWarmUp.Start(options, [20], Activation.Relu, weightInitStd: null);
        var during = Run(data, options);   // the warm-up shares the second core and the kernels' scratch
        Assert.Equal(Environment.ProcessorCount > 1, await warmUp.WaitAsync(TimeSpan.FromMinutes(1)));   // finishes, having trained

        Assert.Equal(alone.Loss, during.Loss);
        Assert.Equal(alone.Epochs.Select(e => (e.TrainAccuracy, e.TestAccuracy)), during.Epochs.Select(e => (e.TrainAccuracy, e.TestAccuracy)));
        Assert.True(alone.Epochs[^1].TestAccuracy > 0.9, "the synthetic classes are learnt");
    }

    [Fact]
    public async Task Options_the_warm_up_cannot_follow_end_it_quietly()
    {
        // more images per minibatch than the warm-up makes up: its trainer refuses, and the task still succeeds
        var warmUp = TrainingWarmUp.Start(new TrainingOptions { BatchSize = 100_000 }, [20], Activation.Relu, weightInitStd: null);

        Assert.False(await warmUp.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.True(warmUp.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_kernel_and_notebook_runs_warm_up_the_chapters_network()
    {
        // started by `kernel run` and `notebooks run`: 784-50-10 with ReLU and SGD, the chapter's defaults
        // (on a one-core machine there is no second core to warm up on, and it does nothing)
        Assert.Equal(Environment.ProcessorCount > 1, await TrainingWarmUp.StartForTheChapter().WaitAsync(TimeSpan.FromMinutes(1)));
    }

    private static TrainingHistory Run(MnistDataset data, TrainingOptions options) =>
        new Trainer(TrainCommand.CreateNetwork(data, [20], Activation.Relu, weightInitStd: null, seed: 3), data, options).Run();
}
