using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Tests.Training;

public sealed class TrainingDiagnosisTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private TrainingHistory Train(double learningRate, int iterations = 300, string optimizer = "sgd") =>
        new Trainer(new TwoLayerNet(784, 50, 10, seed: 42), mnist.Data,
            new TrainingOptions { Iterations = iterations, LearningRate = learningRate, Optimizer = optimizer, PrintWarnings = false }).Run();

    [Fact]
    public void Learning_rate_1e6_on_MNIST_warns_that_the_loss_ended_at_the_cap_above_its_start()
    {
        var history = Train(1e6);

        var warning = Assert.Single(history.Warnings);
        Assert.StartsWith("the loss ended at 1", warning);   // 14.x: most answers wrong with probability 1e-7
        Assert.Contains("near the cross-entropy cap 16.1", warning);
        Assert.Contains("above where it started (2.30)", warning);
        Assert.Contains("learning rate 1e6 is far too large; try 0.1 or 0.01", warning);
        Assert.True(history.Loss.TakeLast(30).Average() > TrainingDiagnosis.LossCap / 2);
    }

    [Fact]
    public void Learning_rate_10_on_MNIST_warns_that_the_loss_sits_at_ln_10()
    {
        var history = Train(10);

        var warning = Assert.Single(history.Warnings);
        Assert.Matches(@"^the loss sits at 2\.[23]\d ≈ ln 10", warning);
        Assert.Contains("dead ReLUs or a saturated output — learning rate 10 is too large; try 0.1 or 0.01", warning);
    }

    [Fact]
    public void The_chapters_learning_rate_gives_no_warning()
    {
        var history = Train(0.1);

        Assert.Empty(history.Warnings);
        Assert.True(history.Loss.TakeLast(30).Average() < 1.0, "the run learned");
    }

    [Fact]
    public void Chance_accuracy_measured_late_in_the_run_joins_the_warning()
    {
        var history = new Trainer(new TwoLayerNet(784, 50, 10, seed: 42), mnist.Data,
            new TrainingOptions { Iterations = 301, LearningRate = 1e6, EvaluateEvery = 150, PrintWarnings = false }).Run();

        Assert.Equal(300, history.Epochs[^1].Iteration);
        Assert.InRange(history.FinalTestAccuracy, 0.05, 0.15);
        Assert.Contains($"; test accuracy {history.FinalTestAccuracy:0.###} is chance level (1/10)", Assert.Single(history.Warnings));
    }

    [Fact]
    public void Adams_usual_rate_is_suggested_for_Adam()
    {
        var history = Train(0.5, optimizer: "adam");

        Assert.Contains("learning rate 0.5 is too large; try 0.001 or 1e-4", Assert.Single(history.Warnings));
    }

    [Fact]
    public void A_run_too_short_to_judge_gives_no_warning_even_at_learning_rate_1e6()
    {
        var history = Train(1e6, iterations: TrainingDiagnosis.MinimumIterations - 1);

        Assert.Empty(history.Warnings);
    }

    [Fact]
    public void Warnings_are_written_to_standard_error_unless_turned_off()
    {
        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        try
        {
            new Trainer(new TwoLayerNet(784, 50, 10, seed: 42), mnist.Data, new TrainingOptions { Iterations = 150, LearningRate = 1e6 }).Run();
        }
        finally
        {
            Console.SetError(previous);
        }

        // other tests may write to the same standard error meanwhile: look only at the warnings
        var warnings = errors.ToString().Split('\n').Where(line => line.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("warning: the loss ended at ", Assert.Single(warnings));
    }
}
