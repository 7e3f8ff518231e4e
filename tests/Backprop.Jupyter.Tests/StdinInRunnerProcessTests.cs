using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

/// <summary>
/// <c>backprop notebooks run</c>, started as a user starts it (its own process), takes no input: a cell that
/// reads the console fails at once with a clear error, and the notebook is left as it was.
/// </summary>
public sealed class StdinInRunnerProcessTests
{
    [Fact]
    public async Task Console_ReadLine_in_a_cell_fails_at_once_naming_the_reason()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "stdin.ipynb");
        var written = Notebook("Console.WriteLine(\"before\");", "Console.WriteLine(\"asking\");\nvar line = Console.ReadLine();\nConsole.WriteLine($\"got {line ?? \"null\"}\");");
        File.WriteAllText(path, written);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,   // a console that could answer: the runner must not read it
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"), "notebooks", "run", path, "--timeout", "120" })
        {
            start.ArgumentList.Add(argument);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.WriteLine("typed on the console");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}: {output}");
        Assert.Contains("Console.ReadLine: this frontend does not accept input (allow_stdin is false", output);
        Assert.DoesNotContain("got ", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the run took {clock.Elapsed.TotalSeconds:F0} s");

        Assert.Equal(written, File.ReadAllText(path));   // a failing run leaves the notebook as it was
    }

    private static string Notebook(params string[] cells) => new JsonObject
    {
        ["cells"] = new JsonArray(cells.Select(code => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["source"] = code,
        }).ToArray()),
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = "backprop-csharp", ["display_name"] = "C# (Backprop)", ["language"] = "C#" } },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    }.ToJsonString();
}
