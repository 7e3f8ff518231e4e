using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

public sealed class NuGetTests
{
    [Fact]
    public async Task Nuget_reference_restores_and_loads_the_package()
    {
        using var folder = new TempFolder();
        using var session = new Session(folder.Path);
        var outcome = await session.RunAsync(
            "#r \"nuget: Newtonsoft.Json, 13.0.1\"\nNewtonsoft.Json.JsonConvert.SerializeObject(new { a = 1 })");
        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        Assert.Equal("{\"a\":1}", outcome.Result!.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nuget_package_the_host_lacks_loads_with_its_dependencies()
    {
        using var folder = new TempFolder();
        using var session = new Session(folder.Path);
        var outcome = await session.RunAsync("#r \"nuget: Humanizer.Core, 2.14.1\"\nusing Humanizer;\n\"PascalCaseInputString\".Humanize()");
        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        Assert.Equal("Pascal case input string", outcome.Result!.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_package_is_an_error_naming_it()
    {
        using var folder = new TempFolder();
        using var session = new Session(folder.Path);
        var outcome = await session.RunAsync("#r \"nuget: Backprop.No.Such.Package.Anywhere, 1.0.0\"");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("DirectiveError", outcome.Error!.Name);
        Assert.Contains("Backprop.No.Such.Package.Anywhere", outcome.Error.Value);
        Assert.Contains("NU1101", outcome.Error.Value);
    }
}
