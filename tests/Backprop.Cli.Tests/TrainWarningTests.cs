using System.Text.Json.Nodes;

namespace Backprop.Cli.Tests;

/// <summary><c>backprop train</c> on the bundled MNIST says so when a run learns nothing.</summary>
public sealed class TrainWarningTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("train-warnings").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private (CliRun Run, JsonNode Metrics) Train(string learningRate)
    {
        var metrics = Path.Combine(output, $"lr{learningRate}.json");
        var run = CliRun.Of("train", "--lr", learningRate, "-n", "300", "--quiet", "--metrics", metrics);
        Assert.True(run.ExitCode == 0, run.Error);   // a warning, not a failure: the run completed
        return (run, JsonNode.Parse(File.ReadAllText(metrics))!);
    }

    private static List<string> Warnings(CliRun run) =>
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Learning_rate_1e6_prints_one_warning_naming_it_and_the_metrics_carry_it()
    {
        var (run, metrics) = Train("1e6");

        var line = Assert.Single(Warnings(run));
        Assert.Matches(@"^warning: the loss ended at 1\d\.\d, near the cross-entropy cap 16\.1 \(−log 1e-7\) and above where it started \(2\.30\)", line);
        Assert.EndsWith("learning rate 1e6 is far too large; try 0.1 or 0.01", line.TrimEnd());
        Assert.Equal("completed", (string?)metrics["status"]);
        Assert.Equal(line["warning: ".Length..].TrimEnd(), (string?)Assert.Single(metrics["warnings"]!.AsArray()));
    }

    [Fact]
    public void Learning_rate_10_prints_that_the_loss_sits_at_ln_10()
    {
        var (run, metrics) = Train("10");

        var line = Assert.Single(Warnings(run));
        Assert.Contains("≈ ln 10", line);
        Assert.Contains("learning rate 10 is too large; try 0.1 or 0.01", line);
        Assert.Single(metrics["warnings"]!.AsArray());
    }

    [Fact]
    public void The_chapters_learning_rate_prints_no_warning()
    {
        var (run, metrics) = Train("0.1");

        Assert.Empty(Warnings(run));
        Assert.Empty(metrics["warnings"]!.AsArray());
    }
}
