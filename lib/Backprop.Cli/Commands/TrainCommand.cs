using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Charts;
using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop train</c>: the chapter's experiment, with a progress bar and a per-epoch table.</summary>
public static class TrainCommand
{
    private static readonly Option<int> Iterations = new("--iterations", "-n") { Description = "Parameter updates (iters_num)", DefaultValueFactory = _ => 10000 };
    private static readonly Option<int> BatchSize = new("--batch-size", "-b") { Description = "Images per minibatch, drawn with replacement", DefaultValueFactory = _ => 100 };
    private static readonly Option<double> LearningRate = new("--learning-rate", "--lr") { Description = "Learning rate η", DefaultValueFactory = _ => 0.1 };
    private static readonly Option<int[]> Hidden = new("--hidden") { Description = "Hidden layer size, or several sizes for a deeper MultiLayerNet (e.g. --hidden 100 50)", DefaultValueFactory = _ => [50], AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string> ActivationOption = new("--activation") { Description = "Hidden activation: relu or sigmoid", DefaultValueFactory = _ => "relu" };
    private static readonly Option<string> OptimizerOption = new("--optimizer") { Description = "sgd, momentum, adagrad or adam", DefaultValueFactory = _ => "sgd" };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the initial weights and the minibatch sampling", DefaultValueFactory = _ => 42 };
    private static readonly Option<double?> WeightInitStd = new("--weight-init-std") { Description = "Standard deviation of the initial weights (default 0.01 for the two-layer net, He/Xavier for deeper nets)" };
    private static readonly Option<string?> DataDirectory = new("--data") { Description = "Directory with the four MNIST-format IDX files (default: the bundled data/mnist)" };
    private static readonly Option<string?> Metrics = new("--metrics") { Description = "Write loss per iteration, train/test accuracy per epoch and seconds as JSON" };
    private static readonly Option<string?> Chart = new("--chart") { Description = "Write a self-contained HTML page with the loss and accuracy charts" };
    private static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "No progress bar; print only the per-epoch table" };
    private static readonly Option<bool> Dense = new("--dense") { Description = "Dense minibatches, as in the book (by default only their non-zero pixels are kept; the same numbers up to rounding)" };

    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("train", "Train the chapter's network on MNIST (defaults: 784-50-10, 10000 iterations, batch 100, lr 0.1)")
        {
            Iterations, BatchSize, LearningRate, Hidden, ActivationOption, OptimizerOption, Seed, WeightInitStd, DataDirectory, Metrics, Chart, Quiet, Dense,
        };
        command.SetAction((parseResult, cancellationToken) => CommandFailure.RunAsync(parseResult, () => Task.FromResult(Run(parseResult, cancellationToken))));
        return command;
    }

    private static int Run(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = new TrainingOptions
        {
            Iterations = parseResult.GetValue(Iterations),
            BatchSize = parseResult.GetValue(BatchSize),
            LearningRate = parseResult.GetValue(LearningRate),
            Optimizer = parseResult.GetValue(OptimizerOption)!,
            Seed = parseResult.GetValue(Seed),
            SparseMinibatches = !parseResult.GetValue(Dense),
            PrintWarnings = false,   // printed below, after the table
        };
        var hidden = parseResult.GetValue(Hidden) ?? [50];
        var activation = ParseActivation(parseResult.GetValue(ActivationOption)!);
        var metricsPath = parseResult.GetValue(Metrics);
        var chartPath = parseResult.GetValue(Chart);
        OutputFiles.RequireWritable(metricsPath, "--metrics");
        OutputFiles.RequireWritable(chartPath, "--chart");

        // the training step's code compiled on the second core while the data is decompressed
        var warmUp = TrainingWarmUp.Start(options, hidden, activation, parseResult.GetValue(WeightInitStd));
        var data = Mnist.Load(parseResult.GetValue(DataDirectory));
        options.Validate(data.Train.Count);
        var network = CreateNetwork(data, hidden, activation, parseResult.GetValue(WeightInitStd), options.Seed);
        var trainer = new Trainer(network, data, options);

        var console = CliConsole.For(parseResult);
        console.MarkupLine($"[bold]{Markup.Escape(Describe(data, hidden, activation, options))}[/]");
        console.MarkupLine($"[grey]matrix products: {Markup.Escape(Backprop.LinearAlgebra.MatrixProducts.Description)}[/]");
        var table = EpochTable();
        warmUp.Wait();
        var failure = default(Exception);
        try
        {
            if (parseResult.GetValue(Quiet) || !console.Profile.Capabilities.Interactive)
            {
                trainer.Run(p =>
                {
                    if (p.Epoch is { } e)
                    {
                        console.MarkupLine(EpochLine(e));
                    }
                }, cancellationToken);
            }
            else
            {
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask("training", maxValue: options.Iterations);
                        trainer.Run(p =>
                        {
                            if (p.Epoch is { } e)
                            {
                                console.MarkupLine(EpochLine(e));
                            }
                            if (p.Iteration % 50 == 0 || p.Iteration == p.Iterations)
                            {
                                task.Value = p.Iteration;
                                task.Description = $"loss {p.Loss:F4}";
                            }
                        }, cancellationToken);
                    });
            }
        }
        catch (Exception e) when (e is TrainingDivergedException or OperationCanceledException)
        {
            failure = e;
        }

        var history = trainer.History;
        foreach (var e in history.Epochs)
        {
            table.AddRow(e.Epoch.ToString(CultureInfo.InvariantCulture), e.Iteration.ToString(CultureInfo.InvariantCulture),
                e.TrainAccuracy.ToString("F4", CultureInfo.InvariantCulture), e.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture),
                e.Loss.ToString("F4", CultureInfo.InvariantCulture), $"{e.Elapsed.TotalSeconds:F1} s");
        }
        console.Write(table);
        console.MarkupLine($"[bold]final test accuracy {history.FinalTestAccuracy:F4}[/], train {history.FinalTrainAccuracy:F4} — {history.Loss.Count} iterations in {history.Elapsed.TotalSeconds:F2} s");

        foreach (var warning in history.Warnings)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
        }

        var status = failure switch
        {
            TrainingDivergedException => "diverged",
            OperationCanceledException => "cancelled",
            _ => "completed",
        };
        if (metricsPath is not null)
        {
            AtomicFile.WriteAllText(metricsPath, MetricsJson(history, options, hidden, activation, status));
            console.MarkupLine($"[grey]metrics written to {Markup.Escape(metricsPath)}[/]");
        }
        if (chartPath is not null)
        {
            ChartPage.Save(chartPath, "Training run", [TrainingCharts.Loss(history.Loss), TrainingCharts.Accuracy(history.Epochs)], Describe(data, hidden, activation, options));
            console.MarkupLine($"[grey]charts written to {Markup.Escape(chartPath)}[/]");
        }
        if (failure is not null)
        {
            parseResult.InvocationConfiguration.Error.WriteLine(failure is TrainingDivergedException
                ? $"error: {failure.Message}; the metrics so far were kept"
                : $"error: training interrupted after {history.Loss.Count} iterations; the metrics so far were kept");
            return CommandFailure.Failed;
        }
        return 0;
    }

    internal static LayeredNetwork CreateNetwork(MnistDataset data, int[] hidden, Activation activation, double? weightInitStd, int seed) =>
        hidden.Length == 1 && activation == Activation.Relu
            ? new TwoLayerNet(data.Train.Features, hidden[0], data.Train.Classes, weightInitStd ?? 0.01, seed)
            : new MultiLayerNet(data.Train.Features, hidden, data.Train.Classes, activation, weightInitStd, seed);

    internal static Activation ParseActivation(string name) => name.ToLowerInvariant() switch
    {
        "relu" => Activation.Relu,
        "sigmoid" => Activation.Sigmoid,
        _ => throw new ArgumentException($"unknown activation '{name}' — use relu or sigmoid"),
    };

    private static string Describe(MnistDataset data, int[] hidden, Activation activation, TrainingOptions o) =>
        $"{data.Train.Features}-{string.Join("-", hidden)}-{data.Train.Classes} ({activation}), {o.Optimizer} lr {o.LearningRate.ToString(CultureInfo.InvariantCulture)}, " +
        $"{o.Iterations} iterations of batch {o.BatchSize}, seed {o.Seed}, data {data.Directory}";

    private static Table EpochTable() => new Table()
        .AddColumn("epoch").AddColumn("iteration").AddColumn("train acc").AddColumn("test acc").AddColumn("loss").AddColumn("elapsed");

    private static string EpochLine(EpochResult e) => FormattableString.Invariant(
        $"epoch {e.Epoch,2}  iteration {e.Iteration,5}  train acc [green]{e.TrainAccuracy:F4}[/]  test acc [green]{e.TestAccuracy:F4}[/]  loss {e.Loss:F4}  {e.Elapsed.TotalSeconds:F1} s");

    private static string MetricsJson(TrainingHistory history, TrainingOptions options, int[] hidden, Activation activation, string status)
    {
        var json = new JsonObject
        {
            ["loss"] = new JsonArray(history.Loss.Select(l => (JsonNode)JsonValue.Create(double.IsFinite(l) ? l : (double?)null)!).ToArray()),
            ["train_acc"] = new JsonArray(history.TrainAccuracy.Select(a => (JsonNode)a).ToArray()),
            ["test_acc"] = new JsonArray(history.TestAccuracy.Select(a => (JsonNode)a).ToArray()),
            ["seconds"] = history.Elapsed.TotalSeconds,
            ["status"] = status,
            ["warnings"] = new JsonArray(history.Warnings.Select(w => (JsonNode)w).ToArray()),
            ["epochs"] = new JsonArray(history.Epochs.Select(e => (JsonNode)new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["iteration"] = e.Iteration,
                ["train_acc"] = e.TrainAccuracy,
                ["test_acc"] = e.TestAccuracy,
                ["loss"] = e.Loss,
                ["seconds"] = e.Elapsed.TotalSeconds,
            }).ToArray()),
            ["options"] = new JsonObject
            {
                ["iterations"] = options.Iterations,
                ["batch_size"] = options.BatchSize,
                ["learning_rate"] = options.LearningRate,
                ["optimizer"] = options.Optimizer,
                ["hidden"] = new JsonArray(hidden.Select(h => (JsonNode)h).ToArray()),
                ["activation"] = activation.ToString().ToLowerInvariant(),
                ["seed"] = options.Seed,
                ["minibatches"] = options.SparseMinibatches ? "sparse" : "dense",
            },
            ["matrix_products"] = Backprop.LinearAlgebra.MatrixProducts.Description,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
