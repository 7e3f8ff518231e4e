using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

public sealed partial class MagicTests
{
    private static List<string> Shown(Session session) =>
        session.Publisher.Outputs.Where(o => o.Kind == "display").Select(o => o.Bundle!.Data["text/plain"]!.GetValue<string>()).ToList();

    private static double Seconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "s" => 1, "ms" => 1e-3, "µs" => 1e-6, _ => 1e-9 };

    [GeneratedRegex(@"^CPU times: user (?<user>[\d.]+) (?<uu>s|ms|µs|ns), sys: [\d.]+ (s|ms|µs|ns), total: (?<total>[\d.]+) (?<tu>s|ms|µs|ns)\nWall time: (?<wall>[\d.]+) (?<wu>s|ms|µs|ns)$")]
    private static partial Regex TimeReport();

    [Theory]
    [InlineData("#!time")]
    [InlineData("%%time")]
    public async Task Time_shows_cpu_and_wall_time_after_the_cells_output_and_the_result_still_comes(string magic)
    {
        using var session = new Session();
        var outcome = await session.RunAsync($"{magic}\nConsole.WriteLine(\"working\");\nvar sum = 0.0;\nfor (var i = 0; i < 20_000_000; i++) sum += Math.Sqrt(i);\nThread.Sleep(300);\n6 * 7");

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        Assert.Equal("42", outcome.Result!.Data["text/plain"]!.GetValue<string>());
        Assert.Equal(["stream", "display"], session.Publisher.Outputs.Select(o => o.Kind));
        Assert.Equal("working\n", session.Publisher.StreamText("stdout"));
        var report = TimeReport().Match(Assert.Single(Shown(session)));
        Assert.True(report.Success, Shown(session)[0]);
        Assert.True(Seconds(report.Groups["wall"].Value, report.Groups["wu"].Value) >= 0.3, report.Value);
        Assert.True(Seconds(report.Groups["user"].Value, report.Groups["uu"].Value) > 0, report.Value);
        Assert.True(Seconds(report.Groups["total"].Value, report.Groups["tu"].Value) >= Seconds(report.Groups["user"].Value, report.Groups["uu"].Value) * 0.99, report.Value);
    }

    [Fact]
    public void Durations_are_written_as_ipython_writes_them()
    {
        Assert.Equal("1.23 s", CellMagics.Duration(TimeSpan.FromSeconds(1.234)));
        Assert.Equal("12.3 ms", CellMagics.Duration(TimeSpan.FromMilliseconds(12.34)));
        Assert.Equal("500 µs", CellMagics.Duration(TimeSpan.FromMicroseconds(500)));
        Assert.Equal("2min 5s", CellMagics.Duration(TimeSpan.FromSeconds(125.2)));
        Assert.Equal("0 ns", CellMagics.Duration(TimeSpan.Zero));
    }

    [Fact]
    public async Task Who_lists_each_variable_name_once_including_those_of_its_own_cell()
    {
        using var session = new Session();
        await session.ValueAsync("var alpha = 1;\nvar beta = \"b\";");
        await session.ValueAsync("var alpha = 2.5;");
        var outcome = await session.RunAsync("var gamma = new List<int>();\n#!who");

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        Assert.Equal(["alpha  beta  gamma"], Shown(session));
    }

    [Fact]
    public async Task Whos_shows_name_type_and_a_short_value_with_a_matrix_as_its_shape()
    {
        using var session = new Session();
        await session.ValueAsync("""
            #r "MathNet.Numerics.dll"
            using MathNet.Numerics.LinearAlgebra;
            var W = Matrix<double>.Build.Dense(3, 2, (i, j) => i + j);
            var x = new[] { 1.0, 2.0, 3.0 };
            var t = (3, "three");
            var lr = 0.1;
            var note = "a long note that goes on and on, far past the width of the value column";
            """);
        var outcome = await session.RunAsync("#!whos");

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        var lines = Assert.Single(Shown(session)).Split('\n');
        Assert.Equal(
            [
                "Variable   Type             Value",
                "---------------------------------",
                "W          Matrix<double>   3×2",
                "x          double[]         3 items",
                "t          (int, string)    (3, three)",
                "lr         double           0.1",
                "note       string           \"a long note that goes on and on, far past the wi…",
            ],
            lines);
    }

    [Fact]
    public async Task Whos_in_a_new_session_says_there_are_no_variables()
    {
        using var session = new Session();
        await session.RunAsync("#!whos");
        Assert.Equal(["No variables in the session."], Shown(session));
    }

    [Fact]
    public async Task Lsmagic_lists_the_magics_and_directives()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("#!lsmagic");

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        var listing = Assert.Single(Shown(session));
        foreach (var line in new[] { "#!time", "%%time", "#!who ", "#!whos", "#!lsmagic", "#!csharp", "#r \"nuget: Package.Id, 1.2.3\"", "#i \"nuget: source\"" })
        {
            Assert.Contains(line, listing);
        }
    }

    [Theory]
    [InlineData("#!timeit\n1", "'#!timeit' on line 1")]
    [InlineData("1;\n%%timeit", "'%%timeit' on line 2")]
    public async Task An_unknown_magic_is_a_directive_error_naming_it_and_the_known_ones(string code, string named)
    {
        using var session = new Session();
        var outcome = await session.RunAsync(code);

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("DirectiveError", outcome.Error!.Name);
        Assert.Contains(named, outcome.Error.Value);
        Assert.Contains("#!time, #!who, #!whos, #!lsmagic", outcome.Error.Value);
        Assert.Empty(session.Publisher.Outputs);
    }
}
