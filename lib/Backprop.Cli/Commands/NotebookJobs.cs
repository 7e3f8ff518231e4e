using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Backprop.Jupyter.KernelSpecs;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop notebooks run</c> with several notebooks at once: worker processes (this command again, with
/// <c>--worker</c>), as many as the machine has cores and memory for, each given an equal share of the cores and
/// handed one notebook after another. A notebook is a session of its own anyway — its variables, its language
/// (the Korean edition switches in its setup cell), its working folder — so nothing is shared but the files.
/// The numbers do not depend on the cores a process has (the engine splits work so that each number is
/// computed the same way), so a notebook's outputs are the same as when it runs alone.
/// </summary>
internal static class NotebookJobs
{
    /// <summary>What one notebook needs at its peak: notebook 06 holds MNIST as dense 60,000 × 784 matrices (2.5 GB measured).</summary>
    private const long MemoryPerJob = 3L << 30;

    /// <summary>
    /// How many notebooks run at once by default: one per core, no more than the notebooks, and no more than the
    /// machine's memory holds at ~3 GB each (an 8 GB laptop runs two). One means one after another in this process.
    /// </summary>
    public static int DefaultJobs(int notebooks)
    {
        var byMemory = (int)Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / MemoryPerJob);
        return Math.Max(1, Math.Min(notebooks, Math.Min(Environment.ProcessorCount, byMemory)));
    }

    /// <summary>The cores each of <paramref name="jobs"/> workers gets (<c>DOTNET_PROCESSOR_COUNT</c>): an equal share, at least one.</summary>
    public static int CoresPerJob(int jobs) => Math.Max(1, Environment.ProcessorCount / jobs);

    /// <summary>How to start this command again, or null where this process is not the command (a test host calling it in-process).</summary>
    public static ProcessStartInfo? StartOfThisCommand()
    {
        var entry = Assembly.GetEntryAssembly();
        if (entry?.GetName().Name != "Backprop.Cli" || Environment.ProcessPath is not { } host)
        {
            return null;
        }
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrEmpty(entry.Location))
            {
                return null;
            }
            start.ArgumentList.Add(entry.Location);   // `dotnet Backprop.Cli.dll`, as ./backprop and `dotnet run` start it
        }
        return start;
    }

    /// <summary>What a worker writes on stdout and on stderr after each notebook, followed on stdout by its exit code and the cells it executed.</summary>
    private const string EndMark = "##backprop-notebook-end##";

    /// <summary>The outcome of one notebook.</summary>
    public sealed record Outcome(string File, int ExitCode, int Cells, TimeSpan Elapsed);

    /// <summary>
    /// Runs <paramref name="files"/> in <paramref name="jobs"/> worker processes (this command with <c>--worker</c>),
    /// each taking the next notebook when it is done with one — longest first by the times of earlier runs here
    /// (new notebooks first, in the order given). A worker runs its notebooks one after another, as
    /// <c>--jobs 1</c> does, so the compiler it warmed up serves them all. Each notebook's lines are handed to
    /// <paramref name="report"/> (file, stdout text, stderr text) when it ends, so that notebooks do not interleave.
    /// After a failure no further notebook starts; the ones running finish.
    /// </summary>
    public static async Task<IReadOnlyList<Outcome>> RunAsync(
        ProcessStartInfo command, IReadOnlyList<string> files, int jobs, IReadOnlyList<string> arguments,
        Action<string, string, string> report, CancellationToken cancellationToken)
    {
        var times = NotebookTimes.Load();
        var queue = new Queue<string>(files
            .Select((file, index) => (file, index, seconds: times.TryGetValue(Path.GetFullPath(file), out var s) ? s : double.PositiveInfinity))
            .OrderByDescending(f => f.seconds)
            .ThenBy(f => f.index)
            .Select(f => f.file));
        var coresEach = CoresPerJob(jobs);
        var outcomes = new List<Outcome>();
        var gate = new object();
        var failed = false;

        string? Next()
        {
            lock (gate)
            {
                return failed || queue.Count == 0 ? null : queue.Dequeue();
            }
        }

        async Task Work()
        {
            if (Next() is not { } first)
            {
                return;
            }
            using var worker = Worker.Start(command, coresEach, arguments);
            using var stop = cancellationToken.Register(worker.Kill);   // Ctrl+C: a notebook is written only at its end, by rename
            for (var file = first; file is not null; file = Next())
            {
                var outcome = await worker.RunAsync(file, report).ConfigureAwait(false);
                lock (gate)
                {
                    outcomes.Add(outcome);
                    failed |= outcome.ExitCode != 0;
                }
                if (outcome.ExitCode != 0 && !worker.Alive)
                {
                    break;
                }
            }
            await worker.FinishAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => Task.Run(Work, CancellationToken.None))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        NotebookTimes.Save(outcomes.Where(o => o.ExitCode == 0).ToDictionary(o => Path.GetFullPath(o.File), o => o.Elapsed.TotalSeconds));
        return outcomes;
    }

    /// <summary>
    /// The worker's side (<c>notebooks run --worker</c>): runs each notebook whose path comes on stdin with
    /// <paramref name="run"/> and writes <see cref="EndMark"/> after it on both streams, until stdin ends.
    /// </summary>
    public static async Task<int> ServeAsync(Func<string, Task<(int ExitCode, int Cells)>> run, TextWriter output, TextWriter error)
    {
        using var input = new StreamReader(Console.OpenStandardInput());
        while (await input.ReadLineAsync().ConfigureAwait(false) is { } file)
        {
            int exitCode, cells = 0;
            try
            {
                (exitCode, cells) = await run(file).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await error.WriteLineAsync($"error: {CommandFailure.MessageOf(e)}").ConfigureAwait(false);
                exitCode = CommandFailure.ExitCodeFor(e);
            }
            await error.WriteLineAsync(EndMark).ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"{EndMark} {exitCode} {cells}").ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>One worker process and its pipes.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;

        private Worker(Process process) => _process = process;

        public bool Alive => !_process.HasExited;

        public static Worker Start(ProcessStartInfo command, int cores, IReadOnlyList<string> arguments)
        {
            var start = new ProcessStartInfo(command.FileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in command.ArgumentList.Concat(["notebooks", "run", "--worker", .. arguments]))
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["DOTNET_PROCESSOR_COUNT"] = cores.ToString(CultureInfo.InvariantCulture);
            foreach (var (name, value) in KernelSpec.ProcessEnvironment)
            {
                // the settings of the processes that run cells, however this command was started (a value set by hand wins)
                if (Environment.GetEnvironmentVariable(name) is null)
                {
                    start.Environment[name] = value;
                }
            }
            return new Worker(Process.Start(start) ?? throw new InvalidOperationException($"could not start {command.FileName}"));
        }

        /// <summary>Has the worker run <paramref name="file"/> and reports its lines.</summary>
        public async Task<Outcome> RunAsync(string file, Action<string, string, string> report)
        {
            var clock = Stopwatch.StartNew();
            var exitCode = CommandFailure.Failed;
            var cells = 0;
            var output = new List<string>();
            var errors = new List<string>();
            try
            {
                await _process.StandardInput.WriteLineAsync(file).ConfigureAwait(false);   // as given: the worker runs in this folder
                await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // the worker has ended: its streams say why
            }
            var reading = ReadUntilEndAsync(_process.StandardError, errors);
            var end = await ReadUntilEndAsync(_process.StandardOutput, output).ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            if (end is not null && end.Split(' ') is [_, var code, var executed])
            {
                exitCode = int.Parse(code, CultureInfo.InvariantCulture);
                cells = int.Parse(executed, CultureInfo.InvariantCulture);
            }
            else
            {
                await _process.WaitForExitAsync().ConfigureAwait(false);
                errors.Add($"error: the process running {file} ended (exit code {_process.ExitCode}) before the notebook did");
            }
            if (output.Count > 0 && output[0] == file)
            {
                output.RemoveAt(0);   // the worker's heading: the report has its own
            }
            report(file, string.Join('\n', output), string.Join('\n', errors));
            return new Outcome(file, exitCode, cells, clock.Elapsed);
        }

        /// <summary>Reads lines into <paramref name="lines"/> up to the end mark: the mark's line, or null at the end of the stream.</summary>
        private static async Task<string?> ReadUntilEndAsync(StreamReader reader, List<string> lines)
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(EndMark, StringComparison.Ordinal))
                {
                    return line;
                }
                lines.Add(line);
            }
            return null;
        }

        /// <summary>No more notebooks: stdin ends and the worker exits.</summary>
        public async Task FinishAsync()
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // already ended
            }
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        public void Kill()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already ended
            }
        }

        public void Dispose() => _process.Dispose();
    }

    /// <summary>
    /// How long each notebook took when it last ran here, so that the longest start first (as a build tool starts
    /// its longest steps first): a file of the user's local application data, written to a temporary file and renamed.
    /// </summary>
    private static class NotebookTimes
    {
        private static string File => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "backprop", "notebook-times.json");

        public static Dictionary<string, double> Load()
        {
            try
            {
                return JsonSerializer.Deserialize<Dictionary<string, double>>(System.IO.File.ReadAllText(File)) ?? [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
            {
                return [];   // none yet, or unreadable: the notebooks start in the order given
            }
        }

        public static void Save(Dictionary<string, double> latest)
        {
            if (latest.Count == 0)
            {
                return;
            }
            try
            {
                var times = Load();
                foreach (var (file, seconds) in latest)
                {
                    times[file] = Math.Round(seconds, 2);
                }
                Directory.CreateDirectory(Path.GetDirectoryName(File)!);
                var temporary = $"{File}.{Environment.ProcessId}.tmp";
                System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(times));
                System.IO.File.Move(temporary, File, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // only an ordering hint: a read-only home changes nothing else
            }
        }
    }
}
