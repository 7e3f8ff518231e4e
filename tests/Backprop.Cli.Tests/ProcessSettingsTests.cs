using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Jupyter.KernelSpecs;

namespace Backprop.Cli.Tests;

/// <summary>
/// The settings the command's process runs with travel with it, whichever way it is started: the
/// collector's mode in the built command's runtimeconfig.json (read by every start: ./backprop, dotnet run,
/// a published build, the kernel, the runner), and the first-generation budget, which the runtime reads
/// only from the environment, set alike by ./backprop, by `dotnet run` (launchSettings.json) and by kernel.json.
/// </summary>
public sealed partial class ProcessSettingsTests
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
    public void The_launcher_dotnet_run_and_the_kernel_start_with_the_same_first_generation_budget()
    {
        var root = Root();
        var kernel = KernelSpec.ProcessEnvironment["DOTNET_GCgen0size"];

        var launcher = LauncherDefault().Match(File.ReadAllText(Path.Combine(root, "backprop")));
        var launchSettings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "lib", "Backprop.Cli", "Properties", "launchSettings.json")))!;
        var dotnetRun = launchSettings["profiles"]!.AsObject().Select(p => (string?)p.Value!["environmentVariables"]?["DOTNET_GCgen0size"]).ToList();

        Assert.Equal("0xC00000", kernel);
        Assert.True(launcher.Success, "./backprop exports DOTNET_GCgen0size with a default");
        Assert.Equal(kernel, launcher.Groups[1].Value);
        Assert.All(dotnetRun, value => Assert.Equal(kernel, value));
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

    [GeneratedRegex(@"export DOTNET_GCgen0size=""\$\{DOTNET_GCgen0size:-([^}]+)\}""")]
    private static partial Regex LauncherDefault();
}
