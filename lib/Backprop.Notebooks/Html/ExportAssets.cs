using System.Reflection;

namespace Backprop.Notebooks.Html;

/// <summary>
/// The files exported pages load from <c>assets/</c>: the page stylesheet and script (embedded in
/// this assembly), KaTeX (npm, pinned in web/package.json) and plotly.js 2.28.0 (embedded in
/// Plotly.NET 6.0.0, the version its charts are made for). Nothing is fetched at view time.
/// </summary>
internal sealed class ExportAssets
{
    public const string PlotlyVersion = "2.28.0";
    public const string InstallCommand = "npm ci --prefix lib/Backprop.Notebooks/web";
    private const string PlotlyResource = "Plotly.NET.plotly-" + PlotlyVersion + ".min.js";
    private static readonly string KatexInTree = Path.Combine("lib", "Backprop.Notebooks", "web", "node_modules", "katex");

    private ExportAssets(string katexJs, string katexCss, string katexFonts, string? katexLicense)
    {
        KatexJs = katexJs;
        KatexCss = katexCss;
        KatexFonts = katexFonts;
        KatexLicense = katexLicense;
    }

    public static string PlotlyFile => $"plotly-{PlotlyVersion}.min.js";

    private string KatexJs { get; }

    private string KatexCss { get; }

    private string KatexFonts { get; }

    private string? KatexLicense { get; }

    /// <summary>Finds KaTeX beside the assembly or in the source tree; a clear error says how to install it otherwise.</summary>
    public static ExportAssets Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "web", "katex");
        if (File.Exists(Path.Combine(beside, "katex.min.js")) && Directory.Exists(Path.Combine(beside, "fonts")))
        {
            return new ExportAssets(Path.Combine(beside, "katex.min.js"), Path.Combine(beside, "katex.min.css"), Path.Combine(beside, "fonts"), Path.Combine(beside, "LICENSE"));
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var package = Path.Combine(dir.FullName, KatexInTree);
                var dist = Path.Combine(package, "dist");
                if (File.Exists(Path.Combine(dist, "katex.min.js")))
                {
                    return new ExportAssets(Path.Combine(dist, "katex.min.js"), Path.Combine(dist, "katex.min.css"), Path.Combine(dist, "fonts"), Path.Combine(package, "LICENSE"));
                }
            }
        }
        throw new FileNotFoundException(
            $"KaTeX (formulas in exported pages) is not installed: run `{InstallCommand}` in the repository, then rebuild");
    }

    /// <summary>Copies every asset into <paramref name="assets"/>.</summary>
    public void CopyTo(string assets)
    {
        Directory.CreateDirectory(assets);
        WriteResource("notebook.css", Path.Combine(assets, "notebook.css"));
        WriteResource("notebook.js", Path.Combine(assets, "notebook.js"));
        var katex = Path.Combine(assets, "katex");
        var fonts = Path.Combine(katex, "fonts");
        Directory.CreateDirectory(fonts);
        File.Copy(KatexJs, Path.Combine(katex, "katex.min.js"));
        File.Copy(KatexCss, Path.Combine(katex, "katex.min.css"));
        if (KatexLicense is not null && File.Exists(KatexLicense))
        {
            File.Copy(KatexLicense, Path.Combine(katex, "LICENSE"));
        }
        foreach (var font in Directory.EnumerateFiles(KatexFonts, "*.woff2"))
        {
            File.Copy(font, Path.Combine(fonts, Path.GetFileName(font)));
        }
        var plotly = Path.Combine(assets, "plotly");
        Directory.CreateDirectory(plotly);
        CopyPlotly(PlotlyResource, Path.Combine(plotly, PlotlyFile));
        CopyPlotly(PlotlyResource + ".LICENSE.txt", Path.Combine(plotly, PlotlyFile + ".LICENSE.txt"));
    }

    private static void CopyPlotly(string resource, string target)
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} has no resource {resource}: the exporter expects Plotly.NET 6.0.0");
        using var file = File.Create(target);
        stream.CopyTo(file);
    }

    private static void WriteResource(string name, string target)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Backprop.Notebooks.Assets.{name}")
            ?? throw new InvalidOperationException($"the page asset {name} is missing from the build");
        using var file = File.Create(target);
        stream.CopyTo(file);
    }
}
