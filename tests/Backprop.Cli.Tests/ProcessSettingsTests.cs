using System.Text.Json.Nodes;
using Backprop.Jupyter.KernelSpecs;

namespace Backprop.Cli.Tests;

/// <summary>
/// The settings the command's processes run with travel with them, whichever way they are started: the
/// collector's mode in the built command's runtimeconfig.json (read by every start), and what the runtime
/// reads only from the environment: the command's 12 MB first-generation budget, set alike by ./backprop
/// and by `dotnet run` (launchSettings.json), and the cell-running processes' budget and large-object
/// threshold, set alike by ./backprop (for `kernel` and `notebooks`) and by kernel.json.
/// </summary>
public sealed class ProcessSettingsTests
{
    [Fact]
    public void The_built_commands_runtimeconfig_asks_for_the_workstation_collector_without_background_collections()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the command's build writes it");

        var properties = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        Assert.False((bool)properties["System.GC.Server"]!);
        Assert.False((bool)properties["System.GC.Concurrent"]!);
    }

    [Fact]
    public void The_launcher_and_dotnet_run_start_the_command_with_the_same_first_generation_budget()
    {
        var root = Root();
        var launcher = File.ReadAllText(Path.Combine(root, "backprop"));
        var launchSettings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "lib", "Backprop.Cli", "Properties", "launchSettings.json")))!;
        var dotnetRun = launchSettings["profiles"]!.AsObject().Select(p => (string?)p.Value!["environmentVariables"]?["DOTNET_GCgen0size"]).ToList();

        Assert.NotEmpty(dotnetRun);
        Assert.All(dotnetRun, value => Assert.Equal("0xC00000", value));
        Assert.Contains("*)\n    export DOTNET_GCgen0size=\"${DOTNET_GCgen0size:-0xC00000}\"", launcher.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_processes_that_run_cells_keep_young_what_natural_code_makes_at_every_step()
    {
        var launcher = File.ReadAllText(Path.Combine(Root(), "backprop")).ReplaceLineEndings("\n");
        var cells = launcher[launcher.IndexOf("kernel|notebooks)", StringComparison.Ordinal)..launcher.IndexOf(";;", StringComparison.Ordinal)];

        Assert.Equal("0x2000000", KernelSpec.ProcessEnvironment["DOTNET_GCLOHThreshold"]);
        Assert.Equal("0x4000000", KernelSpec.ProcessEnvironment["DOTNET_GCgen0size"]);
        foreach (var (name, value) in KernelSpec.ProcessEnvironment)
        {
            Assert.Contains($"export {name}=\"${{{name}:-{value}}}\"", cells, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dotnet_run_builds_the_command_in_Release_and_the_engine_is_optimized_even_in_Debug()
    {
        var root = Root();
        var cli = Path.Combine(root, "lib", "Backprop.Cli", "Backprop.Cli.csproj");
        var engine = Path.Combine(root, "lib", "Backprop.Engine", "Backprop.Engine.csproj");
        var book = Path.Combine(root, "lib", "Backprop", "Backprop.csproj");

        // what `dotnet run --project lib/Backprop.Cli` evaluates: no -c given
        Assert.Equal("Release", Property(cli, "Configuration"));
        Assert.Equal("Debug", Property(cli, "Configuration", "-p:Configuration=Debug"));
        // a Debug build (an IDE's, a test runner's) still runs the engine's kernels optimized …
        Assert.Equal("true", Property(engine, "Optimize", "-p:Configuration=Debug"));
        // … and leaves the book's code as a debugger shows it best
        Assert.Equal("false", Property(book, "Optimize", "-p:Configuration=Debug"));
    }

    /// <summary>A project's property as MSBuild evaluates it (no build).</summary>
    private static string Property(string project, string name, params string[] extra)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["msbuild", project, $"-getProperty:{name}", "-nologo", .. extra])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), $"dotnet msbuild {project} did not finish");
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} -getProperty:{name}: exit {process.ExitCode}\n{output.Result}{error}");
        return output.Result.Trim();
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.Notebooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("not run from a checkout");
    }
}
