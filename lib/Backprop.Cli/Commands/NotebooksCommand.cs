using System.CommandLine;
using System.Globalization;
using Backprop.Display;
using Backprop.Notebooks.Html;
using Backprop.Notebooks.Running;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary>`backprop notebooks run` and `backprop notebooks html`.</summary>
public static class NotebooksCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("notebooks", "Run notebooks headless, or export them to offline HTML pages");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateHtml());
        return command;
    }

    private static Argument<string[]> PathsArgument() => new("paths")
    {
        Description = "Notebook files or folders (folders give their .ipynb files); default: notebooks/",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => new[] { "notebooks" },
    };

    private static Option<double> TimeoutOption() => new("--timeout")
    {
        Description = "Seconds one cell may run before it is cancelled",
        DefaultValueFactory = _ => NotebookRunOptions.DefaultCellTimeout.TotalSeconds,
    };

    private static Command CreateRun()
    {
        var paths = PathsArgument();
        var timeout = TimeoutOption();
        var check = new Option<bool>("--check") { Description = "Execute every notebook but write nothing back" };
        var command = new Command("run", "Execute notebooks top to bottom and write outputs and execution counts back into them");
        command.Arguments.Add(paths);
        command.Options.Add(timeout);
        command.Options.Add(check);
        command.SetAction((parseResult, cancellationToken) => CommandFailure.RunAsync(parseResult, async () =>
        {
            var console = ConsoleFor(parseResult);
            var files = Expand(parseResult.GetValue(paths)!);
            var options = RunOptions(parseResult.GetValue(timeout), console) with { Check = parseResult.GetValue(check) };
            BackpropFormatters.Register();   // the notebooks' values shown as the library shows them (this process does not on load)
            _ = TrainingWarmUp.StartForTheChapter();   // the training step compiled on the second core meanwhile
            var cells = 0;
            var started = DateTime.UtcNow;
            foreach (var file in files)
            {
                console.MarkupLineInterpolated($"[bold]{file}[/]");
                Backprop.Text.Language = Backprop.Language.English;   // every notebook starts in English; the Korean edition switches in its setup cell
                var result = await NotebookRunner.RunAsync(file, options, cancellationToken).ConfigureAwait(false);
                cells += result.Cells.Count(c => c.Status != CellRunStatus.Skipped);
                if (result.Failure is { } failure)
                {
                    var error = parseResult.InvocationConfiguration.Error;
                    await error.WriteLineAsync($"error: {failure.Message}").ConfigureAwait(false);
                    foreach (var line in failure.Traceback.Take(12))
                    {
                        await error.WriteLineAsync($"  {line}").ConfigureAwait(false);
                    }
                    await error.WriteLineAsync($"  (cell numbers count all cells, markdown included; {file} was left unchanged)").ConfigureAwait(false);
                    return CommandFailure.Failed;
                }
                var verdict = options.Check ? "checked, not written" : result.Written ? "written" : "unchanged";
                console.MarkupLineInterpolated($"  [green]ok[/] {result.Cells.Count} code cells in {Seconds(result.Elapsed)} ({verdict})");
            }
            console.MarkupLineInterpolated($"{files.Count} notebooks, {cells} cells executed in {Seconds(DateTime.UtcNow - started)}");
            return 0;
        }));
        return command;
    }

    private static Command CreateHtml()
    {
        var paths = PathsArgument();
        var timeout = TimeoutOption();
        var output = new Option<string>("--out") { Description = "Folder for the pages (replaced whole)", Required = true };
        var execute = new Option<bool>("--execute") { Description = "Run each notebook first (the .ipynb files are not changed)" };
        var command = new Command("html", "Export notebooks to self-contained offline HTML pages plus an index");
        command.Arguments.Add(paths);
        command.Options.Add(output);
        command.Options.Add(execute);
        command.Options.Add(timeout);
        command.SetAction((parseResult, cancellationToken) => CommandFailure.RunAsync(parseResult, async () =>
        {
            var console = ConsoleFor(parseResult);
            var files = Expand(parseResult.GetValue(paths)!);
            BackpropFormatters.Register();   // for --execute: see run
            if (parseResult.GetValue(execute))
            {
                _ = TrainingWarmUp.StartForTheChapter();
            }
            var options = new HtmlExportOptions(parseResult.GetValue(output)!)
            {
                Execute = parseResult.GetValue(execute),
                RunOptions = RunOptions(parseResult.GetValue(timeout), console),
                BeforeRun = () => Backprop.Text.Language = Backprop.Language.English,   // see run
                PageExported = page => console.MarkupLineInterpolated(
                    $"  {page.FileName}  {page.Title}  ({page.Charts} charts, {page.Formulas} formulas, {Seconds(page.Elapsed)})"),
            };
            var result = await HtmlExporter.ExportAsync(files, options, cancellationToken).ConfigureAwait(false);
            console.MarkupLineInterpolated($"[green]{result.Pages.Count} pages[/] and {HtmlExporter.IndexFile} in {result.OutputDirectory} ({Seconds(result.Elapsed)})");
            return 0;
        }));
        return command;
    }

    private static NotebookRunOptions RunOptions(double timeoutSeconds, IAnsiConsole console)
    {
        if (!(timeoutSeconds > 0) || double.IsInfinity(timeoutSeconds))
        {
            throw new ArgumentException($"--timeout must be a positive number of seconds, got {timeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }
        return new NotebookRunOptions
        {
            CellTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            CellFinished = cell => console.MarkupLineInterpolated(
                $"  cell {cell.CellNumber,3} (code {cell.CodeCellNumber,2})  {Status(cell.Status),-9} {Seconds(cell.Elapsed)}"),
        };
    }

    private static IReadOnlyList<string> Expand(string[] paths)
    {
        var files = NotebookPaths.Expand(paths);
        return files.Count > 0 ? files : throw new FileNotFoundException($"no .ipynb files in {string.Join(", ", paths)}");
    }

    private static IAnsiConsole ConsoleFor(ParseResult parseResult)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return console;
    }

    private static string Status(CellRunStatus status) => status switch
    {
        CellRunStatus.Ok => "ok",
        CellRunStatus.Failed => "FAILED",
        CellRunStatus.TimedOut => "TIMED OUT",
        _ => "skipped",
    };

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";
}
