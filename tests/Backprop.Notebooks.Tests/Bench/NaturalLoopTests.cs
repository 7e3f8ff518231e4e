using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Bench;

/// <summary>
/// bench/natural/natural.csx, the line-by-line C# translation of the class-free NumPy loop that the
/// natural-code benchmark times, run as notebook cells with the headless runner: it learns, and its
/// training step moves the weights by the library's gradients.
/// </summary>
public sealed class NaturalLoopTests
{
    private const string IterationsLine = "var iters = int.Parse(Environment.GetEnvironmentVariable(\"NATURAL_ITERS\") ?? \"10000\");";

    [Fact]
    public async Task A_short_run_of_the_translation_learns_like_the_numpy_loop()
    {
        // 601 iterations: two evaluations on the full sets, at 0 and 600. The NumPy loop reaches 0.78 there.
        var cells = Cells();
        cells[1] = Replace(cells[1], IterationsLine, "var iters = 601;");

        var printed = await RunAsync(cells);

        var result = JsonNode.Parse(printed.Trim().Split('\n')[^1])!;
        Assert.InRange((double)result["train_acc"]!, 0.70, 0.88);
        Assert.InRange((double)result["test_acc"]!, 0.70, 0.88);
        var first = printed.Split('\n')[0];
        Assert.Contains("train acc, test acc | 0.", first);
        Assert.InRange(double.Parse(first.Split('|')[1].Split(',')[1], CultureInfo.InvariantCulture), 0.05, 0.20);   // untrained: about one in ten
    }

    [Fact]
    public async Task The_translations_training_step_moves_the_weights_by_the_librarys_gradients()
    {
        var cells = Cells();
        var check = """
            using Backprop.Networks;
            var checkData = Mnist.Load();
            var x = checkData.Train.Images(0, 100);
            var labels = checkData.Train.Labels.Take(100).ToArray();
            var (W1, b1, W2, b2) = InitParams(784, 50, 10, new Random(7), weightInitStd: 0.1);
            b1 = Vector<double>.Build.Dense(50, j => 0.01 * (j - 25));
            b2 = Vector<double>.Build.Dense(10, j => 0.05 * (j - 5));
            var net = new MultiLayerNet(784, [50], 10, Activation.Sigmoid, seed: 0);
            W1.CopyTo(net.Params["W1"]);
            net.Params["b1"].SetRow(0, b1);
            W2.CopyTo(net.Params["W2"]);
            net.Params["b2"].SetRow(0, b2);
            var grads = net.Gradient(x, labels, out var libraryLoss);
            // with a learning rate of 1, the step returns W − dW
            var (nW1, nb1, nW2, nb2, loss) = TrainStep(x, labels, W1, b1, W2, b2, learningRate: 1.0);
            double Gap(Matrix<double> a, Matrix<double> b) => (a - b).Enumerate().Max(Math.Abs);
            double Largest(Matrix<double> a) => a.Enumerate().Max(Math.Abs);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                W1 = Gap(W1 - nW1, grads["W1"]), b1 = Gap((b1 - nb1).ToRowMatrix(), grads["b1"]),
                W2 = Gap(W2 - nW2, grads["W2"]), b2 = Gap((b2 - nb2).ToRowMatrix(), grads["b2"]),
                smallest = new[] { grads["W1"], grads["b1"], grads["W2"], grads["b2"] }.Min(Largest),
                loss, libraryLoss,
            }));
            """;

        var printed = await RunAsync([cells[0], cells[2], check]);

        var gaps = JsonNode.Parse(printed.Trim().Split('\n')[^1])!;
        Assert.True((double)gaps["smallest"]! > 1e-3, $"every gradient has entries well away from zero: {gaps}");
        foreach (var name in new[] { "W1", "b1", "W2", "b2" })
        {
            Assert.True((double)gaps[name]! < 1e-12, $"{name}: the step and the library differ by {gaps[name]}");
        }
        // the library's cross-entropy takes log(y + 1e-7), as the book does; the study notes' takes log(y)
        Assert.InRange((double)gaps["loss"]! - (double)gaps["libraryLoss"]!, 0, 1e-5);
    }

    [RequiresPythonFact]
    public async Task Lines_py_times_each_line_of_the_translation_without_changing_what_it_computes()
    {
        // bench/natural/lines.py rewrites natural.csx's cells with a clock around each line of TrainStep;
        // run its cells for 601 iterations and check that every line was timed and that the loop still learns
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("not run from a checkout");
        Assert.True(RequiresPythonFactAttribute.Python3 is not null, "python3 is needed to make lines.py's cells");
        var start = new System.Diagnostics.ProcessStartInfo(RequiresPythonFactAttribute.Python3!)
        {
            ArgumentList = { Path.Combine(root, "bench", "natural", "lines.py"), "--print-cells" },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var python = System.Diagnostics.Process.Start(start)!;
        var json = await python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"lines.py --print-cells failed ({python.ExitCode}): {errors}");
        var library = typeof(Backprop.Data.Mnist).Assembly.Location;
        var cells = JsonSerializer.Deserialize<List<string>>(json)!.Select(c => c.Replace("LIBRARY", library)).ToList();
        Assert.Equal(4, cells.Count);
        cells[1] = Replace(cells[1], IterationsLine, "var iters = 601;");

        var printed = await RunAsync(cells);

        var lines = printed.Split('\n').Where(l => l.StartsWith("LINES ", StringComparison.Ordinal)).ToList();
        var timed = JsonNode.Parse(Assert.Single(lines)["LINES ".Length..])!;
        var step = timed["step"]!.AsArray().Select(v => (double)v!).ToList();
        Assert.Equal(11, step.Count);                                     // TrainStep's eleven lines
        Assert.All(step, ms => Assert.InRange(ms, 0.0, 1000.0));
        Assert.True(step.Sum() > 0.05, $"a step takes tens of microseconds at least: {string.Join(", ", step)}");
        Assert.InRange((double)timed["draw"]!, 1e-4, 1000.0);
        Assert.Equal(2, timed["evaluations"]!.AsArray().Count);           // at 0 and 600
        var result = JsonNode.Parse(printed.Split('\n').Last(l => l.StartsWith('{')))!;
        Assert.InRange((double)result["test_acc"]!, 0.70, 0.88);          // as natural.csx itself: the clocks change nothing
    }

    /// <summary>natural.csx's cells, as bench/natural/side-by-side.py makes them, with this build's Backprop.dll.</summary>
    private static List<string> Cells()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("not run from a checkout");
        var text = File.ReadAllText(Path.Combine(root, "bench", "natural", "natural.csx")).ReplaceLineEndings("\n");
        var library = typeof(Backprop.Data.Mnist).Assembly.Location;
        return [.. text.Split("// cell\n").Skip(1).Select(c => c.Replace("LIBRARY", library).TrimEnd('\n'))];
    }

    private static string Replace(string cell, string from, string to)
    {
        Assert.Contains(from, cell);
        return cell.Replace(from, to);
    }

    /// <summary>Runs the cells as a notebook and returns what the last cell printed.</summary>
    private static async Task<string> RunAsync(IReadOnlyList<string> cells)
    {
        var path = Path.Combine(Path.GetTempPath(), $"natural-{Guid.NewGuid():N}.ipynb");
        var document = new JsonObject
        {
            ["cells"] = new JsonArray([.. cells.Select(source => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = source,
            })]),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["language"] = "C#", ["display_name"] = ".NET (C#)" } },
            ["nbformat"] = 4, ["nbformat_minor"] = 5,
        };
        await File.WriteAllTextAsync(path, document.ToJsonString());
        try
        {
            var result = await NotebookRunner.RunAsync(path, new NotebookRunOptions { Check = true }, CancellationToken.None);
            Assert.True(result.Succeeded, result.Failure?.ToString());
            var last = JsonNode.Parse(result.Notebook.ToJson())!["cells"]!.AsArray()[^1]!["outputs"]!.AsArray();
            return string.Concat(last.Select(o => TextOf(o!["text"])));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string TextOf(JsonNode? text) => text switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        null => string.Empty,
        _ => (string?)text ?? string.Empty,
    };
}
