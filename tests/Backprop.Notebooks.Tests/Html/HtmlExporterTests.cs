using Backprop.Notebooks.Html;
using Backprop.Notebooks.Model;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Html;

public sealed class HtmlExporterTests
{
    private static readonly string[] FixtureNotebooks = { Fixture.Path("02-chart.ipynb"), Fixture.Path("01-outputs.ipynb") };

    private static async Task<string> ExportFixturesAsync(string? output = null)
    {
        output ??= Path.Combine(Fixture.NewFolder(), "site");
        await HtmlExporter.ExportAsync(FixtureNotebooks, new HtmlExportOptions(output), CancellationToken.None);
        return output;
    }

    [Fact]
    public async Task Export_writes_a_page_per_notebook_an_index_in_file_name_order_and_the_assets()
    {
        var output = await ExportFixturesAsync();

        Assert.True(File.Exists(Path.Combine(output, "01-outputs.html")));
        Assert.True(File.Exists(Path.Combine(output, "02-chart.html")));
        Assert.True(File.Exists(Path.Combine(output, "assets", "katex", "katex.min.js")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "assets", "katex", "fonts"), "*.woff2"));
        var plotly = Path.Combine(output, "assets", "plotly", "plotly-2.28.0.min.js");
        Assert.StartsWith("/**\n* plotly.js v2.28.0", File.ReadAllText(plotly)[..40].Replace("\r", ""));
        var index = File.ReadAllText(Path.Combine(output, "index.html"));
        var first = index.IndexOf("href=\"01-outputs.html\">오차역전파법: outputs of every kind</a>", StringComparison.Ordinal);
        var second = index.IndexOf("href=\"02-chart.html\">Second notebook: a chart and a formula</a>", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first, index);
        Assert.Contains("<p>This notebook shows each output kind the exporter renders — 한국어 문장도 잘 보여야 합니다.</p>", index);
        Assert.Contains("<span class=\"math\">\\nabla_W L = x^\\top \\, \\delta</span>", index);
    }

    [Fact]
    public async Task A_page_is_offline_readable_and_carries_its_charts_formulas_and_outputs()
    {
        var page = File.ReadAllText(Path.Combine(await ExportFixturesAsync(), "01-outputs.html"));

        Assert.Contains("<html lang=\"ko\">", page);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", page);
        Assert.Contains("<script src=\"assets/plotly/plotly-2.28.0.min.js\"></script>", page);
        Assert.Contains("<script src=\"assets/katex/katex.min.js\"></script>", page);
        Assert.DoesNotContain("src=\"http", page);
        Assert.DoesNotContain("href=\"http", page);
        Assert.Contains("<span class=\"math math-display\">L = -\\sum_k t_k \\log y_k</span>", page);
        Assert.Contains("<svg width=\"120\" height=\"40\"", page);
        Assert.Contains("<th>layer</th>", page);
        Assert.Contains("class=\"plotly-chart\"", page);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo", page);
        Assert.Contains("<strong class=\"ename\">DivideByZeroException</strong>", page);
        Assert.Contains("application/x-backprop-custom", page);
        Assert.Contains("<div class=\"prompt\" aria-label=\"execution count\">[4]</div>", page);
        Assert.Contains("second line &lt;b&gt;not bold&lt;/b&gt;", page);
        Assert.Contains("<a href=\"02-chart.html\" rel=\"next\">", page);
    }

    [Fact]
    public async Task The_stylesheet_is_large_enough_for_a_projector_and_names_korean_fonts()
    {
        var css = File.ReadAllText(Path.Combine(await ExportFixturesAsync(), "assets", "notebook.css"));

        Assert.Contains("html { font-size: 20px;", css);
        Assert.Contains("\"Noto Sans CJK KR\"", css);
        Assert.Contains("\"Apple SD Gothic Neo\"", css);
        Assert.Contains("\"Malgun Gothic\"", css);
    }

    [Fact]
    public async Task Exporting_again_replaces_the_earlier_export_whole()
    {
        var output = await ExportFixturesAsync();
        File.WriteAllText(Path.Combine(output, "stale.html"), "old");

        await HtmlExporter.ExportAsync(new[] { Fixture.Path("02-chart.ipynb") }, new HtmlExportOptions(output), CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(output, "stale.html")));
        Assert.False(File.Exists(Path.Combine(output, "01-outputs.html")));
        Assert.True(File.Exists(Path.Combine(output, "02-chart.html")));
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(output)!));
    }

    [Fact]
    public async Task A_folder_that_is_not_an_earlier_export_is_never_replaced()
    {
        var output = Fixture.NewFolder();
        File.WriteAllText(Path.Combine(output, "precious.txt"), "keep");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => HtmlExporter.ExportAsync(FixtureNotebooks, new HtmlExportOptions(output), CancellationToken.None));

        Assert.Contains("is not an earlier export", error.Message);
        Assert.True(File.Exists(Path.Combine(output, "precious.txt")));
    }

    [Fact]
    public async Task Invalid_json_is_a_clear_error_naming_the_file_and_the_earlier_export_stays()
    {
        var output = await ExportFixturesAsync();
        var bad = Path.Combine(Fixture.NewFolder(), "03-bad.ipynb");
        File.WriteAllText(bad, "{\"cells\": [");

        var error = await Assert.ThrowsAsync<NotebookFormatException>(() => HtmlExporter.ExportAsync(new[] { bad }, new HtmlExportOptions(output), CancellationToken.None));

        Assert.StartsWith($"{bad}:1:", error.Message);
        Assert.True(File.Exists(Path.Combine(output, "01-outputs.html")));
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(output)!));
    }

    [Fact]
    public async Task A_notebook_that_was_not_executed_is_a_clear_error_naming_it_and_its_cell()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# Fresh", "Console.WriteLine(1);"), "fresh.ipynb");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => HtmlExporter.ExportAsync(new[] { path }, new HtmlExportOptions(Path.Combine(Fixture.NewFolder(), "out")), CancellationToken.None));

        Assert.Equal($"{path}: not executed — cell 2 (code cell 1) has no outputs and no execution count; run `backprop notebooks run {path}` first, or export with --execute", error.Message);
    }

    [Fact]
    public async Task With_execute_a_fresh_notebook_is_run_first_and_its_file_is_not_changed()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# Fresh", "out from the run"), "fresh.ipynb");
        var before = File.ReadAllBytes(path);
        var output = Path.Combine(Fixture.NewFolder(), "out");
        var options = new HtmlExportOptions(output)
        {
            Execute = true,
            RunOptions = new NotebookRunOptions { CreateInterpreter = dir => new FakeInterpreter(dir) },
        };

        await HtmlExporter.ExportAsync(new[] { path }, options, CancellationToken.None);

        Assert.Contains("<pre>from the run\n</pre>", File.ReadAllText(Path.Combine(output, "fresh.html")));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Two_notebooks_that_would_share_a_page_name_are_rejected()
    {
        var a = NotebookBuilder.Save(NotebookBuilder.Create("md:# A"), "same.ipynb");
        var b = NotebookBuilder.Save(NotebookBuilder.Create("md:# B"), "same.ipynb");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => HtmlExporter.ExportAsync(new[] { a, b }, new HtmlExportOptions(Path.Combine(Fixture.NewFolder(), "out")), CancellationToken.None));

        Assert.Contains("would both become same.html", error.Message);
    }

    [Fact]
    public async Task The_output_folder_may_not_contain_the_notebooks()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# A"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => HtmlExporter.ExportAsync(new[] { path }, new HtmlExportOptions(Path.GetDirectoryName(path)!), CancellationToken.None));

        Assert.Contains("contains the notebook", error.Message);
    }

    [Fact]
    public async Task Links_to_notebooks_point_at_their_pages_and_local_images_are_inlined()
    {
        var notebook = NotebookBuilder.Create("md:# Links\n\nSee [next](02-next.ipynb#top) and [site](https://example.org/a.ipynb).\n\n![dot](dot.png)");
        var path = NotebookBuilder.Save(notebook, "01-links.ipynb");
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(path)!, "dot.png"), Convert.FromBase64String("iVBORw0KGgo="));
        var output = Path.Combine(Fixture.NewFolder(), "out");

        await HtmlExporter.ExportAsync(new[] { path }, new HtmlExportOptions(output), CancellationToken.None);

        var page = File.ReadAllText(Path.Combine(output, "01-links.html"));
        Assert.Contains("href=\"02-next.html#top\"", page);
        Assert.Contains("href=\"https://example.org/a.ipynb\"", page);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", page);
    }
}
