using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Backprop.Cli.Tests;

/// <summary>
/// <c>backprop notebooks run --jobs 2</c>, started as a user starts it (its own process): the notebooks run in two
/// worker processes, each with half the cores, and come out as they do one after another in one process.
/// </summary>
public sealed class NotebookJobsTests : IDisposable
{
    private static readonly string Library = Path.Combine(AppContext.BaseDirectory, "Backprop.dll");

    private readonly string folder = Directory.CreateTempSubdirectory("notebook-jobs").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Two_jobs_run_every_notebook_in_workers_with_half_the_cores_each_and_keep_each_notebooks_language()
    {
        var korean = Notebook("a-korean.ipynb", $"#r \"{Library}\"\nusing Backprop;\nText.Language = Language.Korean;", "MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 3)");
        var english = Notebook("b-english.ipynb", $"#r \"{Library}\"\nusing Backprop;", "MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 3)");
        var cores = Notebook("c-cores.ipynb", "Environment.ProcessorCount", "System.Diagnostics.Process.GetCurrentProcess().Id");
        var pid = Notebook("d-pid.ipynb", "System.Diagnostics.Process.GetCurrentProcess().Id");

        var run = await RunAsync("notebooks", "run", "--jobs", "2", folder);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("4 notebooks, 2 at a time, each in its own process", run.Output);
        Assert.Contains("4 notebooks, 7 cells executed in ", run.Output);
        foreach (var file in new[] { korean, english, cores, pid })
        {
            Assert.Single(run.Output.Split('\n'), line => line.EndsWith(Path.GetFileName(file), StringComparison.Ordinal));
        }
        Assert.StartsWith("행렬 2×3", PlainText(korean, 1));
        Assert.StartsWith("Matrix 2×3", PlainText(english, 1));   // the Korean notebook's switch stays in its own session
        Assert.Equal($"{Math.Max(1, Environment.ProcessorCount / 2)}", PlainText(cores, 0));
        Assert.NotEqual($"{Environment.ProcessId}", PlainText(pid, 0));
        Assert.DoesNotContain("##backprop", run.Output + run.Error);

        var times = JsonNode.Parse(File.ReadAllText(Path.Combine(run.DataHome, "backprop", "notebook-times.json")))!.AsObject();
        Assert.All(new[] { korean, english, cores, pid }, file => Assert.True(times[Path.GetFullPath(file)]!.GetValue<double>() > 0, file));
    }

    [Fact]
    public async Task A_failing_notebook_fails_the_run_names_its_cell_and_stays_as_it_was_while_the_others_are_written()
    {
        var good = Notebook("a-good.ipynb", "1 + 1");
        var bad = Notebook("b-bad.ipynb", "var x = 1;", "throw new InvalidOperationException(\"no such layer\");");
        var before = File.ReadAllText(bad);

        var run = await RunAsync("notebooks", "run", "--jobs", "2", good, bad);

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Contains("no such layer", run.Error);
        Assert.Contains("b-bad.ipynb failed", run.Error);
        Assert.Equal(before, File.ReadAllText(bad));
        Assert.Equal("2", PlainText(good, 0));
    }

    [Fact]
    public async Task A_file_that_is_no_notebook_is_bad_input_named_by_path()
    {
        Notebook("a-good.ipynb", "1 + 1");
        var broken = Path.Combine(folder, "b-broken.ipynb");
        File.WriteAllText(broken, "{ \"cells\": [ ");

        var run = await RunAsync("notebooks", "run", "--jobs", "2", folder);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Contains("b-broken.ipynb", run.Error);
        Assert.DoesNotContain("   at ", run.Error);   // a message, not a stack trace
    }

    [Fact]
    public void A_negative_job_count_is_refused()
    {
        var run = CliRun.Of("notebooks", "run", "--jobs", "-1", Notebook("a.ipynb", "1"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--jobs must be 0 (one per core) or more, got -1", run.Error);
    }

    private sealed record ProcessRun(int ExitCode, string Output, string Error, string DataHome);

    /// <summary>The built command in a process of its own, with a data folder of its own (where it keeps the notebooks' times).</summary>
    private async Task<ProcessRun> RunAsync(params string[] arguments)
    {
        var dataHome = Path.Combine(folder, ".data");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["XDG_DATA_HOME"] = dataHome;   // Linux, macOS
        start.Environment["LOCALAPPDATA"] = dataHome;    // Windows
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(limit.Token);
        return new ProcessRun(process.ExitCode, await stdout, await stderr, dataHome);
    }

    private string Notebook(string name, params string[] cells) => TestNotebooks.Write(folder, name, cells);

    private static string PlainText(string path, int cell) => TestNotebooks.PlainText(path, cell);
}
