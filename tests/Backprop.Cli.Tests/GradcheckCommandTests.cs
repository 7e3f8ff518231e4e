using System.Text.Json.Nodes;

namespace Backprop.Cli.Tests;

public sealed class GradcheckCommandTests : IDisposable
{
    private readonly SyntheticMnist data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void Gradcheck_prints_and_writes_the_four_mean_differences()
    {
        var metrics = data.PathOf("g.json");

        var run = CliRun.Of("gradcheck", "--data", data.Directory, "--hidden", "10", "--metrics", metrics);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonNode.Parse(File.ReadAllText(metrics))!;
        foreach (var key in new[] { "W1", "b1", "W2", "b2" })
        {
            var value = (double)json[key]!;
            Assert.InRange(value, 1e-14, 1e-6);
            Assert.Contains(key, run.Output);
        }
    }

    [Fact]
    public void More_images_than_the_data_set_has_is_an_error()
    {
        var run = CliRun.Of("gradcheck", "--data", data.Directory, "--images", "301");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--images 301 is more than the 300 training images", run.Error);
        Assert.DoesNotContain("(Parameter", run.Error);   // not .NET's suffix for argument errors
    }
}
