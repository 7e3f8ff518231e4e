using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop gradcheck</c>: backpropagation against numerical gradients on a few training images.</summary>
public static class GradcheckCommand
{
    private static readonly Option<int> Images = new("--images") { Description = "How many training images to check on", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> Hidden = new("--hidden") { Description = "Hidden layer size", DefaultValueFactory = _ => 50 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the initial weights", DefaultValueFactory = _ => 42 };
    private static readonly Option<double> Tolerance = new("--tolerance") { Description = "Largest acceptable mean difference", DefaultValueFactory = _ => 1e-6 };
    private static readonly Option<string?> DataDirectory = new("--data") { Description = "Directory with the MNIST-format IDX files (default: the bundled data/mnist)" };
    private static readonly Option<string?> Metrics = new("--metrics") { Description = "Write the mean differences (W1, b1, W2, b2) and seconds as JSON" };

    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("gradcheck", "Gradient check: mean |backprop − numerical| for each parameter of TwoLayerNet on 3 MNIST images")
        {
            Images, Hidden, Seed, Tolerance, DataDirectory, Metrics,
        };
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        var metricsPath = parseResult.GetValue(Metrics);
        OutputFiles.RequireWritable(metricsPath, "--metrics");
        var count = parseResult.GetValue(Images);
        Sizes.RequirePositive("gradcheck", ("--images", count), ("--hidden", parseResult.GetValue(Hidden)));
        var train = Mnist.LoadTraining(count, parseResult.GetValue(DataDirectory));   // only the images it checks
        if (count > train.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"gradcheck: --images {count} is more than the {train.Count} training images");
        }
        var x = train.SparseImages(0, count);   // the same matrix as its non-zero pixels: products skip the zeros
        var t = train.Labels[..count];
        var network = new TwoLayerNet(train.Features, parseResult.GetValue(Hidden), train.Classes, seed: parseResult.GetValue(Seed));

        var console = CliConsole.For(parseResult);
        var clock = Stopwatch.StartNew();
        var differences = FastGradientCheck.Run(network, x, t);   // GradientCheck.Run's numbers, the entries shared among the cores
        var seconds = clock.Elapsed.TotalSeconds;

        var tolerance = parseResult.GetValue(Tolerance);
        var table = new Table().AddColumn("parameter").AddColumn("mean |backprop − numerical|").AddColumn("");
        foreach (var (name, value) in differences)
        {
            table.AddRow(name, value.ToString("E3", CultureInfo.InvariantCulture), value <= tolerance ? "[green]ok[/]" : "[red]too large[/]");
        }
        console.Write(table);
        console.MarkupLine(FormattableString.Invariant($"{count} images, {train.Features}-{parseResult.GetValue(Hidden)}-{train.Classes}, {seconds:F2} s"));

        if (metricsPath is not null)
        {
            var json = new JsonObject();
            foreach (var (name, value) in differences)
            {
                json[name] = value;
            }
            json["seconds"] = seconds;
            json["images"] = count;
            AtomicFile.WriteAllText(metricsPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        var worst = differences.MaxBy(d => d.Value);
        if (worst.Value > tolerance)
        {
            parseResult.InvocationConfiguration.Error.WriteLine(FormattableString.Invariant(
                $"error: gradient check failed — {worst.Key} differs by {worst.Value:E3}, more than the tolerance {tolerance:E1}"));
            return CommandFailure.Failed;
        }
        return 0;
    }
}
