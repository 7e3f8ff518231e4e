using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Backprop.Interactive;
using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Running;

/// <summary>
/// Runs notebooks headless, top to bottom, each with a fresh interpreter whose working directory
/// is the notebook's folder; writes outputs and execution counts back (temp file + rename) only
/// when every cell succeeded, and stops at the first failing cell leaving the file unchanged.
/// </summary>
public static class NotebookRunner
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs the notebook file at <paramref name="path"/> and, unless <see cref="NotebookRunOptions.Check"/>, writes it back.</summary>
    public static async Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var notebook = NotebookDocument.Load(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        var result = await ExecuteAsync(notebook, directory, path, options, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || options.Check)
        {
            return result;
        }
        var text = notebook.ToJson();
        if (File.ReadAllText(path, Encoding.UTF8) == text && File.ReadAllBytes(path).Length == Utf8NoBom.GetByteCount(text))
        {
            return result;
        }
        notebook.Save(path);
        return result with { Written = true };
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> in memory: its code cells get new outputs and execution
    /// counts. <paramref name="name"/> names the notebook in errors. Nothing is written to disk.
    /// </summary>
    public static async Task<NotebookRunResult> ExecuteAsync(NotebookDocument notebook, string workingDirectory, string name, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        Validate(notebook, name);
        var total = Stopwatch.StartNew();
        var collector = new OutputCollector();
        var results = new List<CellRunResult>();
        var ran = new List<(NotebookCell Cell, int Run)>();
        NotebookRunFailure? failure = null;
        using (var interpreter = options.CreateInterpreter(workingDirectory))
        {
            var codeNumber = 0;
            for (var i = 0; i < notebook.Cells.Count && failure is null; i++)
            {
                var cell = notebook.Cells[i];
                if (!cell.IsCode)
                {
                    continue;
                }
                codeNumber++;
                if (string.IsNullOrWhiteSpace(cell.Source))
                {
                    cell.Outputs.Clear();
                    cell.ExecutionCount = null;
                    var skipped = new CellRunResult(i + 1, codeNumber, CellRunStatus.Skipped, null, Array.Empty<NotebookOutput>(), TimeSpan.Zero, null);
                    results.Add(skipped);
                    options.CellFinished?.Invoke(skipped);
                    continue;
                }
                options.CellStarting?.Invoke(i + 1, codeNumber);
                var run = collector.BeginCell();
                var cellResult = await RunCellAsync(interpreter, cell, i + 1, codeNumber, collector, run, options, cancellationToken).ConfigureAwait(false);
                ran.Add((cell, run));
                results.Add(cellResult);
                options.CellFinished?.Invoke(cellResult);
                if (cellResult.Error is { } error)
                {
                    failure = new NotebookRunFailure(name, i + 1, codeNumber, error.EName, error.EValue, cellResult.Status == CellRunStatus.TimedOut)
                    {
                        Traceback = error.Traceback,
                    };
                }
            }
        }
        foreach (var (cell, run) in ran)
        {
            cell.Outputs.Clear();
            cell.Outputs.AddRange(collector.OutputsOf(run));
        }
        return new NotebookRunResult(name, notebook, results, failure, false, total.Elapsed);
    }

    private static async Task<CellRunResult> RunCellAsync(
        IInterpreter interpreter, NotebookCell cell, int cellNumber, int codeNumber, OutputCollector collector, int run,
        NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CellTimeout);
        ExecutionOutcome? outcome = null;
        ErrorOutput? error = null;
        var execution = interpreter.ExecuteAsync(new ExecutionRequest(cell.Source), collector, timeout.Token);
        var finished = await Task.WhenAny(execution, Task.Delay(options.CellTimeout + options.CancelGrace, CancellationToken.None)).ConfigureAwait(false);
        var timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        if (finished != execution)
        {
            timedOut = true;
        }
        else
        {
            try
            {
                outcome = await execution.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                outcome = null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = new ErrorOutput(e.GetType().Name, e.Message, Array.Empty<string>());
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (timedOut && outcome?.Status != ExecutionStatus.Ok)
        {
            error = new ErrorOutput("TimeoutError", $"the cell ran longer than {options.CellTimeout.TotalSeconds:0.###} s and was cancelled", Array.Empty<string>());
            collector.Add(error);
            return new CellRunResult(cellNumber, codeNumber, CellRunStatus.TimedOut, outcome?.ExecutionCount, collector.OutputsOf(run), watch.Elapsed, error);
        }
        if (outcome is not null)
        {
            cell.ExecutionCount = outcome.ExecutionCount;
            if (outcome.Status == ExecutionStatus.Ok)
            {
                if (outcome.Result is { } value)
                {
                    collector.Add(new ExecuteResultOutput(outcome.ExecutionCount, OutputCollector.CopyBundle(value.Data), (JsonObject)value.Metadata.DeepClone()));
                }
            }
            else
            {
                var info = outcome.Error ?? new ErrorInfo(outcome.Status == ExecutionStatus.Aborted ? "Interrupted" : "Error", "the cell did not complete", Array.Empty<string>());
                error = new ErrorOutput(info.Name, info.Value, info.Traceback.ToList());
            }
        }
        if (error is not null)
        {
            collector.Add(error);
        }
        var status = error is null ? CellRunStatus.Ok : CellRunStatus.Failed;
        return new CellRunResult(cellNumber, codeNumber, status, cell.ExecutionCount, collector.OutputsOf(run), watch.Elapsed, error);
    }

    private static void Validate(NotebookDocument notebook, string name)
    {
        if (PolyglotMetadata.LanguageOf(notebook) is { } language && !PolyglotMetadata.IsCSharp(language))
        {
            throw new InvalidDataException($"{name}: the notebook's language is {language}; only C# notebooks run here");
        }
        var code = notebook.Cells.Select((cell, index) => (cell, index)).Where(c => c.cell.IsCode).ToList();
        if (code.Count == 0)
        {
            throw new InvalidDataException($"{name}: the notebook has no code cells, so there is nothing to run");
        }
        for (var k = 0; k < code.Count; k++)
        {
            if (PolyglotMetadata.KernelNameOf(code[k].cell) is { } kernel && !PolyglotMetadata.IsCSharp(kernel))
            {
                throw new InvalidDataException($"{name}: cell {code[k].index + 1} (code cell {k + 1}) is a {kernel} cell; only C# cells run here");
            }
        }
    }
}
