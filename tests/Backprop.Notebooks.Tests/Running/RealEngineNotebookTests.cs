using System.Text.Json.Nodes;
using Backprop.Notebooks.Model;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Running;

/// <summary>Small notebooks run end to end through the real C# interpreter (Roslyn scripting).</summary>
public sealed class RealEngineNotebookTests
{
    private static readonly string LibraryReference = $"#r \"{Path.Combine(AppContext.BaseDirectory, "Backprop.dll")}\"";

    private static readonly NotebookRunOptions Options = new() { CellTimeout = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task A_real_notebook_runs_and_gets_streams_display_updates_results_charts_and_images()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create(
            "md:# Real engine\n\nThe sigmoid $\\sigma(x) = 1/(1+e^{-x})$.",
            $"{LibraryReference}\nusing Backprop.Charts;\nConsole.WriteLine(\"안녕 hello\");",
            "var progress = display(\"epoch 1\");\nprogress.Update(\"epoch 2\");",
            "FunctionCharts.Plot(\"sigmoid\", -5, 5, (\"sigmoid\", x => 1 / (1 + Math.Exp(-x))))",
            "DigitImage.Normalized(Enumerable.Range(0, 16).Select(i => (double)i).ToArray(), 4, 4)",
            "1 + 2"));

        var result = await NotebookRunner.RunAsync(path, Options, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure?.Message);
        var cells = NotebookDocument.Load(path).Cells;
        Assert.Equal(new int?[] { null, 1, 2, 3, 4, 5 }, cells.Select(c => c.ExecutionCount));
        Assert.Equal("안녕 hello\n", Assert.IsType<StreamOutput>(Assert.Single(cells[1].Outputs)).Text);
        var display = Assert.IsType<DisplayDataOutput>(Assert.Single(cells[2].Outputs));
        Assert.Contains("epoch 2", (string?)display.Data["text/plain"]);
        var chart = Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[3].Outputs));
        var figure = Assert.IsType<JsonObject>(chart.Data[MimeTypes.Plotly]);
        Assert.Equal(3, chart.ExecutionCount);
        Assert.NotEmpty(figure["data"]!.AsArray());
        var image = Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[4].Outputs));
        Assert.StartsWith("iVBORw0KGgo", (string?)image.Data[MimeTypes.Png]);
        Assert.Equal("3", (string?)Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[5].Outputs)).Data["text/plain"]);
        Assert.Equal(".net-csharp", (string?)NotebookDocument.Load(path).Metadata["kernelspec"]?["name"]);
    }

    [Fact]
    public async Task Rerunning_a_real_notebook_with_the_same_outputs_leaves_it_byte_identical()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("Console.WriteLine(\"a\");", "var h = display(1);\nh.Update(2);", "Enumerable.Range(1, 3).Sum()"));
        await NotebookRunner.RunAsync(path, Options, CancellationToken.None);
        var first = File.ReadAllBytes(path);

        var again = await NotebookRunner.RunAsync(path, Options, CancellationToken.None);

        Assert.True(again.Succeeded, again.Failure?.Message);
        Assert.False(again.Written);
        Assert.Equal(first, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task A_real_cell_that_throws_stops_the_run_with_its_number_and_leaves_the_file_unchanged()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# T", "var x = 1;", "throw new InvalidOperationException(\"boom\");", "x"));
        var before = File.ReadAllBytes(path);

        var result = await NotebookRunner.RunAsync(path, Options, CancellationToken.None);

        Assert.Equal(before, File.ReadAllBytes(path));
        var failure = result.Failure!;
        Assert.Equal((3, 2), (failure.CellNumber, failure.CodeCellNumber));
        Assert.Contains("InvalidOperationException", failure.EName);
        Assert.Contains("boom", failure.EValue);
    }

    [Fact]
    public async Task A_real_cell_over_the_timeout_is_cancelled_through_its_token()
    {
        var notebook = NotebookBuilder.Create("while (true) { CancellationToken.ThrowIfCancellationRequested(); Thread.Sleep(5); }", "1");

        var result = await NotebookRunner.ExecuteAsync(notebook, Fixture.NewFolder(), "loop.ipynb", Options with { CellTimeout = TimeSpan.FromSeconds(3) }, CancellationToken.None);

        Assert.True(result.Failure!.TimedOut);
        Assert.Equal(1, result.Failure.CellNumber);
        Assert.Single(result.Cells);
    }
}
