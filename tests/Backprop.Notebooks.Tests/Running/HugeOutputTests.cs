using System.Text;
using Backprop.Notebooks.Html;
using Backprop.Notebooks.Model;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Running;

/// <summary>A cell that prints 50 MB: the headless runner keeps the kernel's 5 MB and its notice, and the HTML page stays small.</summary>
public sealed class HugeOutputTests
{
    // 524,288 lines of 100 bytes = 50 MB.
    private const string FiftyMegabytes = """
        var filler = new string('x', 91);
        for (var i = 0; i < 524288; i++) Console.WriteLine($"{i:D7} {filler}");
        """;

    private static string Lines(int count)
    {
        var text = new StringBuilder(count * 100);
        for (var i = 0; i < count; i++)
        {
            text.Append(i.ToString("D7")).Append(' ').Append('x', 91).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public async Task Fifty_megabytes_in_a_cell_keep_the_first_5_MB_and_the_notice_and_the_page_shows_1_MB()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create(FiftyMegabytes, "\"next cell\""), "huge.ipynb");

        var result = await NotebookRunner.RunAsync(path, new NotebookRunOptions { CellTimeout = TimeSpan.FromMinutes(2) }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure?.Message);
        var cells = NotebookDocument.Load(path).Cells;
        Assert.Equal(2, cells[0].Outputs.Count);
        Assert.Equal(Lines(52_428), Assert.IsType<StreamOutput>(cells[0].Outputs[0]).Text);
        Assert.Equal(
            "[output truncated after 5 MB: 471,860 more lines (45.0 MB) not shown — print less often, or write to a file]",
            (string?)Assert.IsType<DisplayDataOutput>(cells[0].Outputs[1]).Data["text/plain"]);
        Assert.Contains("next cell", (string?)Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[1].Outputs)).Data["text/plain"]);
        Assert.InRange(new FileInfo(path).Length, 5_000_000, 6_000_000);

        var site = Path.Combine(Fixture.NewFolder(), "site");
        await HtmlExporter.ExportAsync([path], new HtmlExportOptions(site), CancellationToken.None);
        var page = await File.ReadAllTextAsync(Path.Combine(site, "huge.html"));

        Assert.InRange(page.Length, 1_000_000, 1_500_000);
        Assert.Contains(Lines(10_485), page);
        Assert.DoesNotContain("0010485 x", page);
        Assert.Contains("[this output is 5.0 MB: the page shows its first 1 MB; 41,943 more lines are in the notebook]", page);
        Assert.Contains("[output truncated after 5 MB: 471,860 more lines (45.0 MB) not shown", page);
    }
}
