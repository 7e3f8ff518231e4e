using System.Text.Json.Nodes;

namespace Backprop.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly SyntheticMnist data = new();
    private readonly string output = Directory.CreateTempSubdirectory("train-out").FullName;

    public void Dispose()
    {
        data.Dispose();
        Directory.Delete(output, recursive: true);
    }

    private string Out(string name) => Path.Combine(output, name);

    [Fact]
    public void Train_writes_metrics_json_and_a_self_contained_chart_page()
    {
        var run = CliRun.Of("train", "--data", data.Directory, "--iterations", "61", "--batch-size", "10", "--hidden", "20",
            "--metrics", Out("m.json"), "--chart", Out("c.html"));

        Assert.True(run.ExitCode == 0, run.Error);
        var metrics = JsonNode.Parse(File.ReadAllText(Out("m.json")))!;
        Assert.Equal(61, metrics["loss"]!.AsArray().Count);
        Assert.Equal(3, metrics["train_acc"]!.AsArray().Count);     // iterations 0, 30, 60
        Assert.Equal(3, metrics["test_acc"]!.AsArray().Count);
        Assert.True((double)metrics["test_acc"]![2]! > 0.9, "the synthetic classes are easy");
        Assert.True((double)metrics["seconds"]! > 0);
        Assert.Equal("completed", (string?)metrics["status"]);
        var html = File.ReadAllText(Out("c.html"));
        Assert.Contains("Plotly.newPlot('chart1'", html);
        Assert.DoesNotContain("<script src", html);
        Assert.Contains("final test accuracy", run.Output);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public void Several_hidden_sizes_train_a_deeper_net_with_any_optimizer()
    {
        var run = CliRun.Of("train", "--data", data.Directory, "--iterations", "40", "--batch-size", "10",
            "--hidden", "30", "20", "--activation", "sigmoid", "--optimizer", "adam", "--learning-rate", "0.01", "--metrics", Out("m.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("784-30-20-10 (Sigmoid), adam", run.Output);
    }

    [Fact]
    public void A_missing_data_directory_is_one_clear_line_and_exit_code_2()
    {
        var run = CliRun.Of("train", "--data", Out("nowhere"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: MNIST directory not found:", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        var run = CliRun.Of("train", "--data", Out("nowhere"), "--verbose");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("   at Backprop.Data.Mnist.Load", run.Error);
    }

    [Fact]
    public void A_truncated_IDX_file_is_named()
    {
        var path = data.PathOf("t10k-labels-idx1-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var run = CliRun.Of("train", "--data", data.Directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("t10k-labels-idx1-ubyte.gz", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("--batch-size", "0", "batch size must be positive, got 0")]
    [InlineData("--batch-size", "1000", "batch size 1000 is larger than the training set (300 images)")]
    [InlineData("--iterations", "-5", "iterations must be positive, got -5")]
    [InlineData("--hidden", "0", "hiddenSize must be positive, got 0")]
    [InlineData("--optimizer", "rmsprop", "unknown optimizer 'rmsprop'")]
    [InlineData("--activation", "tanh", "unknown activation 'tanh'")]
    [InlineData("--learning-rate", "-0.1", "learning rate must be a positive number")]
    public void Bad_options_are_named_with_exit_code_2(string option, string value, string message)
    {
        var run = CliRun.Of("train", "--data", data.Directory, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void A_learning_rate_that_diverges_stops_names_the_iteration_and_keeps_the_metrics()
    {
        var run = CliRun.Of("train", "--data", data.Directory, "--iterations", "200", "--batch-size", "10",
            "--learning-rate", "1e300", "--metrics", Out("m.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Matches("error: the loss became (NaN|∞|-∞|Infinity) at iteration [0-9]+", run.Error);
        Assert.Contains("try a smaller one", run.Error);
        var metrics = JsonNode.Parse(File.ReadAllText(Out("m.json")))!;
        Assert.Equal("diverged", (string?)metrics["status"]);
        Assert.InRange(metrics["loss"]!.AsArray().Count, 1, 199);
    }

    [Fact]
    public void An_output_path_in_a_missing_folder_fails_before_training()
    {
        var run = CliRun.Of("train", "--data", data.Directory, "--metrics", Out("no/such/m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--metrics", run.Error);
        Assert.Contains("does not exist", run.Error);
        Assert.DoesNotContain("epoch", run.Output);
    }

    [Fact]
    public void An_existing_metrics_file_is_replaced_whole()
    {
        File.WriteAllText(Out("m.json"), new string('x', 100000));

        var run = CliRun.Of("train", "--data", data.Directory, "--iterations", "5", "--batch-size", "10", "--metrics", Out("m.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, JsonNode.Parse(File.ReadAllText(Out("m.json")))!["loss"]!.AsArray().Count);
    }
}
