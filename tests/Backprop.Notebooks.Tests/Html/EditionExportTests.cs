using System.Text.RegularExpressions;
using Backprop.Notebooks.Html;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Html;

/// <summary>The export of both editions: English notebooks in a folder, the Korean edition in its ko/ subfolder.</summary>
public sealed partial class EditionExportTests
{
    private static string Editions(bool withEnglish = true)
    {
        var folder = Fixture.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "ko"));
        if (withEnglish)
        {
            NotebookBuilder.Create("md:# Computational graphs\n\nA graph (계산 그래프) of local computations.").Save(Path.Combine(folder, "01-graph.ipynb"));
            NotebookBuilder.Create("md:# Activation layers\n\nReLU and Sigmoid.").Save(Path.Combine(folder, "02-layers.ipynb"));
        }
        NotebookBuilder.Create("md:# 계산 그래프\n\n국소적 계산을 이어 붙인 그래프입니다. 다음은 [활성화 함수 계층](02-layers.ipynb)입니다.").Save(Path.Combine(folder, "ko", "01-graph.ipynb"));
        NotebookBuilder.Create("md:# 활성화 함수 계층\n\nReLU 계층과 Sigmoid 계층입니다.").Save(Path.Combine(folder, "ko", "02-layers.ipynb"));
        return folder;
    }

    private static async Task<string> ExportAsync(string folder)
    {
        var output = Path.Combine(Fixture.NewFolder(), "site");
        await HtmlExporter.ExportAsync(NotebookPaths.Expand([folder]), new HtmlExportOptions(output), CancellationToken.None);
        return output;
    }

    private static string[] Hrefs(string html, string linkClass) =>
        LinkWithClass().Matches(html).Where(m => m.Groups["class"].Value == linkClass).Select(m => m.Groups["href"].Value).ToArray();

    [Fact]
    public async Task Korean_pages_go_to_ko_and_each_page_links_to_its_counterpart()
    {
        var output = await ExportAsync(Editions());

        var files = Directory.GetFiles(output, "*.html", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(["01-graph.html", "02-layers.html", "index.html", "ko/01-graph.html", "ko/02-layers.html"], files);
        var english = File.ReadAllText(Path.Combine(output, "01-graph.html"));
        var korean = File.ReadAllText(Path.Combine(output, "ko", "01-graph.html"));
        Assert.Equal(["ko/01-graph.html"], Hrefs(english, "counterpart"));
        Assert.Contains("hreflang=\"ko\" lang=\"ko\" rel=\"alternate\">한국어</a>", english);
        Assert.Equal(["../01-graph.html"], Hrefs(korean, "counterpart"));
        Assert.Contains("hreflang=\"en\" lang=\"en\" rel=\"alternate\">English</a>", korean);
    }

    [Fact]
    public async Task A_Korean_page_speaks_Korean_and_finds_the_shared_assets_one_folder_up()
    {
        var output = await ExportAsync(Editions());

        var korean = File.ReadAllText(Path.Combine(output, "ko", "01-graph.html"));
        var english = File.ReadAllText(Path.Combine(output, "01-graph.html"));

        Assert.Contains("<html lang=\"ko\">", korean);
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("<a href=\"../index.html#ko\">목차</a>", korean);
        Assert.Contains("<a href=\"index.html#en\">Contents</a>", english);
        Assert.Contains("<a href=\"02-layers.html\" rel=\"next\">활성화 함수 계층 →</a>", korean);
        Assert.Contains("href=\"02-layers.html\">활성화 함수 계층</a>", korean);
        Assert.Contains("<footer>01-graph.ipynb에서 내보냄</footer>", korean);
        foreach (Match asset in AssetReference().Matches(korean))
        {
            Assert.StartsWith("../assets/", asset.Groups["path"].Value);
            Assert.True(File.Exists(Path.Combine(output, "ko", asset.Groups["path"].Value)), asset.Groups["path"].Value);
        }
    }

    [Fact]
    public async Task The_index_offers_both_editions_in_reading_order()
    {
        var output = await ExportAsync(Editions());

        var index = File.ReadAllText(Path.Combine(output, "index.html"));

        var englishSection = index.IndexOf("<section class=\"edition\" id=\"en\" lang=\"en\"><h2>English</h2>", StringComparison.Ordinal);
        var koreanSection = index.IndexOf("<section class=\"edition\" id=\"ko\" lang=\"ko\"><h2>한국어</h2>", StringComparison.Ordinal);
        Assert.True(englishSection > 0 && koreanSection > englishSection, index);
        var order = new[] { "href=\"01-graph.html\">Computational graphs", "href=\"02-layers.html\">Activation layers", "href=\"ko/01-graph.html\">계산 그래프", "href=\"ko/02-layers.html\">활성화 함수 계층" }
            .Select(link => index.IndexOf(link, StringComparison.Ordinal)).ToArray();
        Assert.All(order, position => Assert.True(position > englishSection, index));
        Assert.Equal(order.Order(), order);
        Assert.True(order[2] > koreanSection);
    }

    [Fact]
    public async Task The_Korean_edition_alone_has_no_counterpart_links_and_a_Korean_index()
    {
        var output = await ExportAsync(Editions(withEnglish: false));

        var korean = File.ReadAllText(Path.Combine(output, "ko", "01-graph.html"));
        var index = File.ReadAllText(Path.Combine(output, "index.html"));

        Assert.Empty(Hrefs(korean, "counterpart"));
        Assert.Contains("<a href=\"../index.html\">목차</a>", korean);
        Assert.Contains("<html lang=\"ko\">", index);
        Assert.Contains("<h1>노트북</h1>", index);
        Assert.DoesNotContain("<section class=\"edition\"", index);
    }

    [Fact]
    public async Task With_execute_the_host_may_reset_its_settings_before_each_notebook_runs()
    {
        var folder = Fixture.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "ko"));
        NotebookBuilder.Create("md:# One", "1 + 1").Save(Path.Combine(folder, "01-one.ipynb"));
        NotebookBuilder.Create("md:# 하나", "1 + 1").Save(Path.Combine(folder, "ko", "01-one.ipynb"));
        var resets = 0;

        await HtmlExporter.ExportAsync(NotebookPaths.Expand([folder]),
            new HtmlExportOptions(Path.Combine(Fixture.NewFolder(), "site")) { Execute = true, BeforeRun = () => resets++ }, CancellationToken.None);

        Assert.Equal(2, resets);
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\" class=\"(?<class>[^\"]*)\"")]
    private static partial Regex LinkWithClass();

    [GeneratedRegex("(?:src|href)=\"(?<path>[^\"]*assets/[^\"]*)\"")]
    private static partial Regex AssetReference();
}
