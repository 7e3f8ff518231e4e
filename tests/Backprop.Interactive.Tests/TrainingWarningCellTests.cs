namespace Backprop.Interactive.Tests;

public sealed class TrainingWarningCellTests
{
    [Fact]
    public async Task A_training_cell_that_learns_nothing_shows_the_warning_under_its_output()
    {
        using var session = new Session();
        await session.ValueAsync("#r \"Backprop.dll\"\nusing Backprop.Data;\nusing Backprop.Networks;\nusing Backprop.Training;");

        var outcome = await session.RunAsync("""
            var data = Mnist.Load();
            var history = new Trainer(new TwoLayerNet(784, 50, 10, seed: 42), data, new TrainingOptions { Iterations = 150, LearningRate = 1e6 }).Run();
            Console.WriteLine($"{history.Loss.Count} iterations");
            """);

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        Assert.Equal("150 iterations\n", session.Publisher.StreamText("stdout"));
        var stderr = session.Publisher.StreamText("stderr");
        Assert.StartsWith("warning: the loss ended at ", stderr);
        Assert.Contains("learning rate 1e6 is far too large; try 0.1 or 0.01", stderr);
    }
}
