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
    public async Task Nuget_package_with_native_assets_loads_its_native_library()
    {
        using var folder = new TempFolder();
        using var session = new Session(folder.Path);
        var outcome = await session.RunAsync(
            "#r \"nuget: Microsoft.Data.Sqlite, 9.0.0\"\nusing Microsoft.Data.Sqlite;\n"
            + "var connection = new SqliteConnection(\"Data Source=:memory:\");\nconnection.Open();\n"
            + "var command = connection.CreateCommand();\ncommand.CommandText = \"select sqlite_version()\";\ncommand.ExecuteScalar()");
        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        Assert.Matches(@"^3\.\d+\.\d+$", outcome.Result!.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Package_from_a_local_feed_added_with_i_restores()
    {
        using var folder = new TempFolder();
        var id = "Backprop.LocalFeed.T" + Guid.NewGuid().ToString("N")[..8];
        LocalFeed.WritePackage(folder.Sub("feed"), id, "1.0.0", "public static class Greeting { public static string Hello() => \"hello from the local feed\"; }");
        using var session = new Session(folder.Path);
        var outcome = await session.RunAsync($"#i \"nuget: {Path.Combine(folder.Path, "feed")}\"\n#r \"nuget: {id}, 1.0.0\"\nGreeting.Hello()");
        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        Assert.Equal("hello from the local feed", outcome.Result!.Data["text/plain"]!.GetValue<string>());
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
