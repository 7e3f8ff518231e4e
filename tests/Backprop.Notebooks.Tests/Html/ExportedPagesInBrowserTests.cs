using Backprop.Notebooks.Html;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Backprop.Notebooks.Tests.Html;

/// <summary>
/// Opens every exported page in headless Chromium with networking off and checks that each Plotly
/// chart drew its SVG, each formula was typeset by KaTeX, no script failed, and no request left
/// the machine. Screenshots go to screenshots/ in the test output folder.
/// </summary>
public sealed class ExportedPagesInBrowserTests
{
    private readonly ITestOutputHelper log;

    public ExportedPagesInBrowserTests(ITestOutputHelper log)
    {
        this.log = log;
    }

    [RequiresChromiumFact]
    public async Task Fixture_pages_render_charts_and_formulas_offline()
    {
        var paths = NotebookPaths.Expand(new[] { Fixture.Path("") });

        var checkedPages = await ExportAndCheckAsync(paths, "fixtures");

        Assert.Equal(new[] { "01-outputs.html", "02-chart.html", "index.html" }, checkedPages.Select(p => p.File));
        Assert.Equal(2, checkedPages.Sum(p => p.Charts));
        Assert.Equal(7, checkedPages.Where(p => p.File != "index.html").Sum(p => p.Formulas));
    }

    [RequiresChromiumFact]
    public async Task The_repository_notebooks_render_charts_and_formulas_offline()
    {
        var folder = RepositoryRoot.Find() is { } root ? Path.Combine(root, "notebooks") : null;
        if (folder is null || !Directory.Exists(folder) || NotebookPaths.Expand(new[] { folder }).Count == 0)
        {
            log.WriteLine("notebooks/ has no notebooks yet: nothing to check");
            return;
        }

        var checkedPages = await ExportAndCheckAsync(NotebookPaths.Expand(new[] { folder }), "notebooks");

        Assert.Contains(checkedPages, p => p.File == "index.html");
    }

    [RequiresChromiumFact]
    public async Task A_notebook_run_by_the_real_engine_on_export_renders_its_chart_offline()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "Backprop.dll");
        var path = NotebookBuilder.Save(NotebookBuilder.Create(
            "md:# 시그모이드 (sigmoid)\n\n$\\sigma(x) = \\frac{1}{1+e^{-x}}$ and its derivative $\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$.",
            $"#r \"{library}\"\nusing Backprop.Charts;",
            "FunctionCharts.Plot(\"sigmoid\", -6, 6, (\"σ\", x => 1 / (1 + Math.Exp(-x))), (\"σ'\", x => Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2)))"),
            "sigmoid.ipynb");

        var checkedPages = await ExportAndCheckAsync(new[] { path }, "real-engine", execute: true);

        Assert.Equal(1, checkedPages.Single(p => p.File == "sigmoid.html").Charts);
        Assert.Equal(2, checkedPages.Single(p => p.File == "sigmoid.html").Formulas);
    }

    [RequiresChromiumFact]
    public async Task Korean_pages_draw_Hangul_glyphs_and_link_to_their_English_counterparts()
    {
        var folder = Fixture.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "ko"));
        NotebookBuilder.Create("md:# Computational graphs\n\nLocal computation and the chain rule, with $z = x \\times y$.")
            .Save(Path.Combine(folder, "01-graph.ipynb"));
        NotebookBuilder.Create("md:# 계산 그래프\n\n계산 그래프는 국소적 계산을 이어 붙여 전체를 구합니다. 역전파는 연쇄법칙으로 $\\frac{\\partial z}{\\partial x} = y$ 를 상류에서 하류로 전합니다.")
            .Save(Path.Combine(folder, "ko", "01-graph.ipynb"));
        var hangul = new List<GlyphCheck>();

        var checkedPages = await ExportAndCheckAsync(NotebookPaths.Expand(new[] { folder }), "korean", onPage: async (page, file) =>
        {
            var counterpart = page.Locator("a.counterpart");
            if (file == "ko/01-graph.html")
            {
                Assert.Equal("English", await counterpart.InnerTextAsync());
                Assert.EndsWith("/01-graph.html", await counterpart.EvaluateAsync<string>("a => a.href"));
                Assert.DoesNotContain("/ko/", await counterpart.EvaluateAsync<string>("a => a.href"));
                hangul.Add(await page.EvaluateAsync<GlyphCheck>(GlyphScript, "main p"));
            }
            else if (file == "01-graph.html")
            {
                Assert.Equal("한국어", await counterpart.InnerTextAsync());
                Assert.EndsWith("/ko/01-graph.html", await counterpart.EvaluateAsync<string>("a => a.href"));
                hangul.Add(await page.EvaluateAsync<GlyphCheck>(GlyphScript, "a.counterpart"));
            }
        });

        Assert.Equal(new[] { "01-graph.html", "ko/01-graph.html", "index.html" }, checkedPages.Select(p => p.File));
        Assert.Equal(2, hangul.Count);
        foreach (var check in hangul)
        {
            log.WriteLine($"font {check.Font}: {check.Distinct} distinct pictures of 4 syllables, {check.LikeMissing} like a missing glyph, ink {check.Ink}");
            Assert.True(check.Ink > 0, $"the Hangul syllables drew nothing in {check.Font}");
            Assert.True(check.Distinct == 4, $"4 different Hangul syllables drew only {check.Distinct} different pictures in {check.Font}: tofu, no Korean font");
            Assert.True(check.LikeMissing == 0, $"{check.LikeMissing} Hangul syllables drew the same picture as an unassigned character in {check.Font}: no Korean font");
        }
    }

    /// <summary>
    /// Draws 4 Hangul syllables and an unassigned code point on a canvas in the computed font of the element:
    /// with a Korean font the syllables give 4 different pictures, none like the missing-glyph box.
    /// </summary>
    private const string GlyphScript = """
        selector => {
          const font = getComputedStyle(document.querySelector(selector)).fontFamily;
          const canvas = document.createElement('canvas');
          canvas.width = 64; canvas.height = 64;
          const g = canvas.getContext('2d', { willReadFrequently: true });
          const draw = ch => {
            g.clearRect(0, 0, 64, 64);
            g.font = '40px ' + font;
            g.fillText(ch, 4, 48);
            const alpha = g.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3);
            return { key: alpha.join(','), ink: alpha.reduce((a, b) => a + b, 0) };
          };
          const syllables = ['한', '국', '어', '값'].map(draw);
          const missing = draw('͸');
          return {
            font,
            distinct: new Set(syllables.map(s => s.key)).size,
            likeMissing: syllables.filter(s => s.key === missing.key).length,
            ink: Math.min(...syllables.map(s => s.ink)),
          };
        }
        """;

    private sealed class GlyphCheck
    {
        public string Font { get; set; } = "";

        public int Distinct { get; set; }

        public int LikeMissing { get; set; }

        public int Ink { get; set; }
    }

    private async Task<IReadOnlyList<CheckedPage>> ExportAndCheckAsync(IReadOnlyList<string> notebooks, string name, bool execute = false, Func<IPage, string, Task>? onPage = null)
    {
        var chromium = Chromium.Path ?? throw new InvalidOperationException("CI=true but Chromium is not installed: apt-get install -y chromium");
        var output = Path.Combine(Fixture.NewFolder(), name);
        var export = await HtmlExporter.ExportAsync(notebooks, new HtmlExportOptions(output) { Execute = execute }, CancellationToken.None);
        log.WriteLine($"exported {export.Pages.Count} pages in {export.Elapsed.TotalMilliseconds:0} ms to {output}");
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(screenshots);

        using var playwright = await Playwright.CreateAsync();
        var profile = Fixture.NewFolder();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Chromium.Flags,
            Offline = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var requests = new List<string>();
        var errors = new List<string>();
        browser.Request += (_, request) => requests.Add(request.Url);
        await browser.RouteAsync(url => !url.StartsWith("file:", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal), route => route.AbortAsync());

        var results = new List<CheckedPage>();
        var pages = export.Pages.Select(p => p.FileName).Append(HtmlExporter.IndexFile);
        foreach (var file in pages)
        {
            var page = await browser.NewPageAsync();
            page.PageError += (_, message) => errors.Add($"{file}: {message}");
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add($"{file}: console: {message.Text}");
                }
            };
            await page.GotoAsync(new Uri(Path.Combine(output, file)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var charts = await page.Locator(".plotly-chart").CountAsync();
            var formulas = await page.Locator(".math").CountAsync();
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('.plotly-chart')].every(c => c.querySelector('svg.main-svg'))"
                + " && [...document.querySelectorAll('.math')].every(m => m.querySelector('.katex'))",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            Assert.Equal(charts, await page.Locator(".plotly-chart:has(svg.main-svg)").CountAsync());
            Assert.Equal(formulas, await page.Locator(".math:has(.katex)").CountAsync());
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(overflow, $"{file} scrolls sideways at 1280 px");
            if (onPage is not null)
            {
                await onPage(page, file);
            }
            var screenshot = Path.Combine(screenshots, Path.ChangeExtension(file, ".png"));
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            await page.SetViewportSizeAsync(390, 844);
            var phoneOverflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(phoneOverflow, $"{file} scrolls sideways on a 390 px wide phone");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.ChangeExtension(screenshot, null) + "-phone.png" });
            await page.CloseAsync();
            log.WriteLine($"{file}: {charts} charts, {formulas} formulas rendered");
            results.Add(new CheckedPage(file, charts, formulas));
        }

        Assert.Empty(errors);
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.True(url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"a request left the machine: {url}"));
        log.WriteLine($"{requests.Count} requests, all local; screenshots in {screenshots}");
        return results;
    }

    private sealed record CheckedPage(string File, int Charts, int Formulas);
}
