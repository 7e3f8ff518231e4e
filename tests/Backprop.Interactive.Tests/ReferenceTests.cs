using System.Buffers.Binary;
using System.Runtime.Loader;
using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

public sealed class ReferenceTests
{
    /// <summary>
    /// A notebooks/ folder beside a lib/ folder holding a copy of the library's build output
    /// (lib/Backprop/bin/Release/net8.0: Backprop.dll and every dependency), as the setup cell expects.
    /// </summary>
    private static (TempFolder Folder, string Notebooks) NotebookLayout()
    {
        var folder = new TempFolder();
        var lib = folder.Sub("lib");
        foreach (var file in Directory.GetFiles(LibraryOutput(), "*.dll"))
        {
            File.Copy(file, Path.Combine(lib, Path.GetFileName(file)));
        }

        return (folder, folder.Sub("notebooks"));
    }

    private static string LibraryOutput()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.Notebooks.sln")))
            {
                var output = Path.Combine(dir.FullName, "lib", "Backprop", "bin", "Release", "net8.0");
                Assert.True(File.Exists(Path.Combine(output, "Backprop.dll")), $"build the library first (dotnet build -c Release): {output} has no Backprop.dll");
                return output;
            }
        }

        throw new InvalidOperationException($"no Backprop.Notebooks.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public async Task Missing_reference_is_an_error_naming_the_full_path()
    {
        using var folder = new TempFolder();
        using var session = new Session(folder.Path);
        var outcome = await session.RunAsync("#r \"../missing/Nothing.dll\"\n1");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("DirectiveError", outcome.Error!.Name);
        Assert.Contains(Path.GetFullPath(Path.Combine(folder.Path, "../missing/Nothing.dll")), outcome.Error.Value);
        Assert.Contains("line 1", outcome.Error.Value);
    }

    [Fact]
    public async Task Referenced_library_formats_a_matrix_as_a_truncated_html_table()
    {
        var (folder, notebooks) = NotebookLayout();
        using var _ = folder;
        using var session = new Session(notebooks);
        await session.ValueAsync("#r \"../lib/Backprop.dll\"");
        var outcome = await session.RunAsync("using MathNet.Numerics.LinearAlgebra;\nMatrix<double>.Build.Dense(100, 784, (i, j) => i + j)");

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        var html = outcome.Result!.Data["text/html"]!.GetValue<string>();
        Assert.Contains("<table", html);
        Assert.Contains("100×784", html);
        Assert.Contains("⋮", html);
        Assert.Contains("<td style=\"padding:1px 6px;text-align:right;border:1px solid #ddd\">882</td>", html); // 99 + 783
        Assert.StartsWith("Matrix 100×784", outcome.Result.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Referenced_library_formats_a_chart_as_plotly_json_first_then_html()
    {
        var (folder, notebooks) = NotebookLayout();
        using var _ = folder;
        using var session = new Session(notebooks);
        var outcome = await session.RunAsync(
            "#r \"../lib/Backprop.dll\"\nvar trace = new Plotly.NET.Trace2D(\"scatter\");\ntrace.SetProperty(\"x\", new[] { 1, 2, 3 });\ntrace.SetProperty(\"y\", new[] { 0.5, 0.25, 0.125 });\nPlotly.NET.GenericChart.ofTraceObject(true, trace)");

        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        var data = outcome.Result!.Data;
        Assert.Equal("application/vnd.plotly.v1+json", data.First().Key);
        var figure = data["application/vnd.plotly.v1+json"]!;
        Assert.Equal("scatter", figure["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(0.25, figure["data"]![0]!["y"]![1]!.GetValue<double>());
        Assert.NotNull(figure["layout"]);
        Assert.NotNull(figure["config"]);
        Assert.Contains("newPlot", data["text/html"]!.GetValue<string>());
        Assert.Contains("Plotly chart: 1 trace(s) [scatter]", data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Library_chart_shows_its_title_in_plain_text_and_its_data_in_plotly_json()
    {
        var (folder, notebooks) = NotebookLayout();
        using var _ = folder;
        using var session = new Session(notebooks);
        var outcome = await session.RunAsync("#r \"../lib/Backprop.dll\"\nBackprop.Charts.TrainingCharts.Loss(new double[] { 2.3, 1.2, 0.7 }, window: 1, title: \"Loss\")");

        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        var data = outcome.Result!.Data;
        Assert.Contains("\"Loss\"", data["text/plain"]!.GetValue<string>());
        Assert.Equal(0.7, data["application/vnd.plotly.v1+json"]!["data"]![0]!["y"]![2]!.GetValue<double>());
    }

    [Fact]
    public async Task Referenced_library_formats_a_digit_image_as_png()
    {
        var (folder, notebooks) = NotebookLayout();
        using var _ = folder;
        using var session = new Session(notebooks);
        var outcome = await session.RunAsync(
            "#r \"../lib/Backprop.dll\"\nnew Backprop.Charts.DigitImage(Enumerable.Range(0, 28 * 28).Select(i => i / 783.0).ToArray(), 28, 28)");

        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        var png = Convert.FromBase64String(outcome.Result!.Data["image/png"]!.GetValue<string>());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(112, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(112, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task Library_referenced_by_path_is_the_hosts_single_copy()
    {
        var (folder, notebooks) = NotebookLayout();
        using var _ = folder;
        using var session = new Session(notebooks);
        var outcome = await session.RunAsync(
            "#r \"../lib/Backprop.dll\"\ntypeof(Backprop.Charts.DigitImage).Assembly.Location + \"|\" + typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location");

        Assert.True(outcome.Status == ExecutionStatus.Ok, outcome.Error?.Value);
        var locations = outcome.Result!.Data["text/plain"]!.GetValue<string>().Split('|');
        Assert.Equal(typeof(Backprop.Charts.DigitImage).Assembly.Location, locations[0]);
        Assert.Equal(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location, locations[1]);
        foreach (var name in new[] { "Backprop", "MathNet.Numerics", "Plotly.NET", "FSharp.Core", "Microsoft.DotNet.Interactive.Formatting" })
        {
            Assert.True(
                AssemblyLoadContext.All.SelectMany(c => c.Assemblies).Count(a => a.GetName().Name == name) <= 1,
                $"{name} is loaded more than once");
        }
    }

    [Fact]
    public async Task Running_the_setup_cell_twice_is_harmless()
    {
        var (folder, notebooks) = NotebookLayout();
        using var _ = folder;
        using var session = new Session(notebooks);
        await session.ValueAsync("#r \"../lib/Backprop.dll\"");
        await session.ValueAsync("#r \"../lib/Backprop.dll\"");
        Assert.Equal("28", await session.ValueAsync("new Backprop.Charts.DigitImage(new double[28 * 28], 28, 28).Width"));
    }
}
