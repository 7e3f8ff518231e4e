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
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "How many notebooks run at once, each in its own process with an equal share of the cores " +
                          "(default: one per core, as many as memory holds at ~3 GB each; 1: one after another in this process)",
        };
        var command = new Command("run", "Execute notebooks top to bottom and write outputs and execution counts back into them");
        command.Arguments.Add(paths);
        command.Options.Add(timeout);
        command.Options.Add(check);
        command.Options.Add(jobs);
        var worker = new Option<bool>("--worker")
        {
            Description = "Run the notebooks whose paths come on stdin, one per line, for a `run` with --jobs above 1",
            Hidden = true,
        };
        command.Options.Add(worker);
        command.SetAction((parseResult, cancellationToken) => CommandFailure.RunAsync(parseResult, async () =>
        {
            var console = ConsoleFor(parseResult);
            var options = RunOptions(parseResult.GetValue(timeout), console) with { Check = parseResult.GetValue(check) };
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(worker))
            {
                PrepareToRunCells();
                return await NotebookJobs.ServeAsync(file => RunOneAsync(file, options, console, error, cancellationToken), parseResult.InvocationConfiguration.Output, error).ConfigureAwait(false);
            }

            var files = Expand(parseResult.GetValue(paths)!);
            var jobCount = parseResult.GetValue(jobs);
            if (jobCount < 0)
            {
                throw new ArgumentException($"--jobs must be 0 (one per core) or more, got {jobCount}");
            }
            jobCount = jobCount == 0 ? NotebookJobs.DefaultJobs(files.Count) : Math.Min(jobCount, files.Count);
            if (jobCount > 1 && NotebookJobs.StartOfThisCommand() is { } self)
            {
                return await RunInProcessesAsync(parseResult, console, self, files, jobCount, options, cancellationToken).ConfigureAwait(false);
            }
            PrepareToRunCells();
            var cells = 0;
            var started = DateTime.UtcNow;
            foreach (var file in files)
            {
                var (exitCode, executed) = await RunOneAsync(file, options, console, error, cancellationToken).ConfigureAwait(false);
                cells += executed;
                if (exitCode != 0)
                {
                    return exitCode;
                }
            }
            console.MarkupLineInterpolated($"{files.Count} notebooks, {cells} cells executed in {Seconds(DateTime.UtcNow - started)}");
            return 0;
        }));
        return command;
    }

    /// <summary>Before this process runs cells: the notebooks' values shown as the library shows them (this process does not on load), and the training step compiled on another core meanwhile.</summary>
    private static void PrepareToRunCells()
    {
        BackpropFormatters.Register();
        _ = TrainingWarmUp.StartForTheChapter();
    }

    /// <summary>Runs one notebook in this process, printing its heading, its cells and its verdict; the exit code and the cells executed.</summary>
    private static async Task<(int ExitCode, int Cells)> RunOneAsync(string file, NotebookRunOptions options, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"[bold]{file}[/]");
        Backprop.Text.Language = Backprop.Language.English;   // every notebook starts in English; the Korean edition switches in its setup cell
        var result = await NotebookRunner.RunAsync(file, options, cancellationToken).ConfigureAwait(false);
        var cells = result.Cells.Count(c => c.Status != CellRunStatus.Skipped);
        if (result.Failure is { } failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}").ConfigureAwait(false);
            foreach (var line in failure.Traceback.Take(12))
            {
                await error.WriteLineAsync($"  {line}").ConfigureAwait(false);
            }
            await error.WriteLineAsync($"  (cell numbers count all cells, markdown included; {file} was left unchanged)").ConfigureAwait(false);
            return (CommandFailure.Failed, cells);
        }
        var verdict = options.Check ? "checked, not written" : result.Written ? "written" : "unchanged";
        console.MarkupLineInterpolated($"  [green]ok[/] {result.Cells.Count} code cells in {Seconds(result.Elapsed)} ({verdict})");
        return (0, cells);
    }

    private static async Task<int> RunInProcessesAsync(
        ParseResult parseResult, IAnsiConsole console, System.Diagnostics.ProcessStartInfo self, IReadOnlyList<string> files, int jobs,
        NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var cores = NotebookJobs.CoresPerJob(jobs);
        console.MarkupLineInterpolated(
            $"{files.Count} notebooks, {jobs} at a time, each in its own process with {cores} {(cores == 1 ? "core" : "cores")} (--jobs 1: one after another in this process)");
        var arguments = new List<string> { "--timeout", options.CellTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) };
        if (options.Check)
        {
            arguments.Add("--check");
        }
        if (parseResult.GetValue(CommonOptions.Verbose))
        {
            arguments.Add("--verbose");
        }
        var error = parseResult.InvocationConfiguration.Error;
        var gate = new object();
        var started = DateTime.UtcNow;
        var outcomes = await NotebookJobs.RunAsync(self, files, jobs, arguments, (file, output, errors) =>
        {
            lock (gate)
            {
                console.MarkupLineInterpolated($"[bold]{file}[/]");
                if (output.Length > 0)
                {
                    console.WriteLine(output);
                }
                if (errors.Length > 0)
                {
                    error.WriteLine(errors);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        var failures = outcomes.Where(o => o.ExitCode != 0).ToList();
        if (failures.Count > 0)
        {
            var notRun = files.Count - outcomes.Count;
            await error.WriteLineAsync(
                $"error: {string.Join(", ", failures.Select(f => f.File))} failed{(notRun > 0 ? $"; {notRun} {(notRun == 1 ? "notebook" : "notebooks")} not run" : "")}").ConfigureAwait(false);
            return failures.Any(f => f.ExitCode == CommandFailure.BadInput) ? CommandFailure.BadInput : CommandFailure.Failed;
        }
        console.MarkupLineInterpolated($"{files.Count} notebooks, {outcomes.Sum(o => o.Cells)} cells executed in {Seconds(DateTime.UtcNow - started)}");
        return 0;
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
