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

    private async Task<IReadOnlyList<CheckedPage>> ExportAndCheckAsync(IReadOnlyList<string> notebooks, string name, bool execute = false)
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
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, Path.ChangeExtension(file, ".png")), FullPage = true });
            await page.SetViewportSizeAsync(390, 844);
            var phoneOverflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(phoneOverflow, $"{file} scrolls sideways on a 390 px wide phone");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, Path.GetFileNameWithoutExtension(file) + "-phone.png") });
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
