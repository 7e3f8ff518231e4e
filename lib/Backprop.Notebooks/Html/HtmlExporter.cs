using System.Diagnostics;
using System.Net;
using System.Text;
using Backprop.Notebooks.Model;
using Backprop.Notebooks.Running;

namespace Backprop.Notebooks.Html;

/// <summary>
/// Exports notebooks to a folder of self-contained offline pages: one page per notebook, an index
/// in reading order (file names), and assets/ with KaTeX and plotly.js. Notebooks in a <c>ko/</c>
/// folder are the Korean edition: their pages go to <c>ko/</c>, each page links to its counterpart in
/// the other edition, and the index lists both. The folder is built beside the target and swapped in
/// whole, so it is never left half-written.
/// </summary>
public static class HtmlExporter
{
    /// <summary>The file that marks a folder as an export, so that it may be replaced.</summary>
    public const string MarkerFile = ".backprop-notebooks-export";

    /// <summary>The index page's file name.</summary>
    public const string IndexFile = "index.html";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Exports <paramref name="notebookPaths"/> (files) into <see cref="HtmlExportOptions.OutputDirectory"/>.</summary>
    public static async Task<HtmlExportResult> ExportAsync(IReadOnlyList<string> notebookPaths, HtmlExportOptions options, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (notebookPaths.Count == 0)
        {
            throw new ArgumentException("no notebooks to export");
        }
        var target = Path.GetFullPath(options.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        CheckTarget(target, notebookPaths);
        var assets = ExportAssets.Locate();
        var ordered = notebookPaths
            .Select(Path.GetFullPath)
            .OrderBy(Edition.IsKorean)
            .ThenBy(Path.GetFileName, StringComparer.Ordinal)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
        var names = ordered.Select(Edition.PageName).ToList();
        var clash = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            var paths = ordered.Where((_, i) => string.Equals(names[i], clash.Key, StringComparison.OrdinalIgnoreCase));
            throw new ArgumentException($"two notebooks would both become {clash.Key}: {string.Join(" and ", paths)}");
        }

        var notebooks = new List<NotebookDocument>();
        foreach (var path in ordered)
        {
            var notebook = NotebookDocument.Load(path);
            if (options.Execute)
            {
                options.BeforeRun?.Invoke();
                var run = await NotebookRunner.ExecuteAsync(notebook, Path.GetDirectoryName(path)!, path, options.RunOptions with { Check = true }, cancellationToken).ConfigureAwait(false);
                if (run.Failure is { } failure)
                {
                    throw new InvalidOperationException($"cannot export: {failure.Message}");
                }
            }
            else
            {
                RequireExecuted(notebook, path);
            }
            notebooks.Add(notebook);
        }

        var summaries = ordered.Select((p, i) => NotebookSummary.Of(notebooks[i], Path.GetFileNameWithoutExtension(p))).ToList();
        var building = $"{target}.building-{Guid.NewGuid():N}";
        var pages = new List<ExportedPage>();
        try
        {
            Directory.CreateDirectory(building);
            assets.CopyTo(Path.Combine(building, "assets"));
            for (var i = 0; i < ordered.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pageWatch = Stopwatch.StartNew();
                var korean = Edition.IsKorean(ordered[i]);
                var previous = i > 0 && Edition.IsKorean(ordered[i - 1]) == korean ? i - 1 : -1;
                var next = i + 1 < ordered.Count && Edition.IsKorean(ordered[i + 1]) == korean ? i + 1 : -1;
                var counterpart = ordered.IndexOf(Edition.CounterpartOf(ordered[i]));
                var root = korean ? "../" : "";
                var links = new PageLinks(
                    root,
                    root + IndexFile + (counterpart >= 0 ? (korean ? "#ko" : "#en") : ""),
                    previous >= 0 ? (Edition.Relative(names[previous], korean), summaries[previous].Title) : null,
                    next >= 0 ? (Edition.Relative(names[next], korean), summaries[next].Title) : null,
                    counterpart >= 0 ? root + names[counterpart] : null);
                var page = new NotebookPage(notebooks[i], Path.GetDirectoryName(ordered[i])!);
                var language = korean ? "ko" : counterpart >= 0 ? "en" : NotebookPage.LanguageOf(notebooks[i]);
                var html = page.Render(summaries[i].Title, Path.GetFileName(ordered[i]), language, links);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(building, names[i]))!);
                await File.WriteAllTextAsync(Path.Combine(building, names[i]), html, Utf8NoBom, cancellationToken).ConfigureAwait(false);
                var exported = new ExportedPage(ordered[i], names[i], summaries[i].Title, page.Charts, page.Formulas, pageWatch.Elapsed);
                pages.Add(exported);
                options.PageExported?.Invoke(exported);
            }
            await File.WriteAllTextAsync(Path.Combine(building, IndexFile), Index(pages, summaries, notebooks, ordered.Select(Edition.IsKorean).ToList()), Utf8NoBom, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(building, MarkerFile), "Exported by `backprop notebooks html`; this folder is replaced whole by the next export.\n", Utf8NoBom, cancellationToken).ConfigureAwait(false);
            Swap(building, target);
        }
        finally
        {
            if (Directory.Exists(building))
            {
                Directory.Delete(building, recursive: true);
            }
        }
        return new HtmlExportResult(target, pages, watch.Elapsed);
    }

    /// <summary>Fails, naming the notebook and cell, when a code cell has neither outputs nor an execution count.</summary>
    internal static void RequireExecuted(NotebookDocument notebook, string path)
    {
        var code = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode)
            {
                continue;
            }
            code++;
            if (!string.IsNullOrWhiteSpace(cell.Source) && cell.ExecutionCount is null && cell.Outputs.Count == 0)
            {
                throw new InvalidDataException(
                    $"{path}: not executed — cell {i + 1} (code cell {code}) has no outputs and no execution count; "
                    + $"run `backprop notebooks run {path}` first, or export with --execute");
            }
        }
    }

    private static string Index(IReadOnlyList<ExportedPage> pages, IReadOnlyList<NotebookSummary> summaries, IReadOnlyList<NotebookDocument> notebooks, IReadOnlyList<bool> korean)
    {
        var both = korean.Contains(true) && korean.Contains(false);
        var html = new StringBuilder(both ? "<h1>Notebooks · 노트북</h1>\n" : korean.Contains(true) ? "<h1>노트북</h1>\n" : "<h1>Notebooks</h1>\n");
        foreach (var edition in new[] { false, true }.Where(korean.Contains))
        {
            if (both)
            {
                html.Append(edition
                    ? "<section class=\"edition\" id=\"ko\" lang=\"ko\"><h2>한국어</h2>\n"
                    : "<section class=\"edition\" id=\"en\" lang=\"en\"><h2>English</h2>\n");
            }
            html.Append("<ol class=\"notebook-list\">\n");
            var number = 0;
            for (var i = 0; i < pages.Count; i++)
            {
                if (korean[i] != edition)
                {
                    continue;
                }
                html.Append("<li>")
                    .Append($"<span class=\"number\">{++number}.</span><a href=\"{WebUtility.HtmlEncode(pages[i].FileName)}\">{WebUtility.HtmlEncode(pages[i].Title)}</a>");
                if (summaries[i].SummaryHtml.Length > 0)
                {
                    html.Append("<p>").Append(summaries[i].SummaryHtml).Append("</p>");
                }
                html.Append("</li>\n");
            }
            html.Append("</ol>\n");
            if (both)
            {
                html.Append("</section>\n");
            }
        }
        var language = both ? "en" : korean.Contains(true) || notebooks.Any(n => NotebookPage.LanguageOf(n) == "ko") ? "ko" : "en";
        var footer = both ? $"{pages.Count} notebooks · 노트북 {pages.Count}개" : korean.Contains(true) ? $"노트북 {pages.Count}개" : $"{pages.Count} notebooks";
        return PageLayout.Page(both ? "Notebooks · 노트북" : korean.Contains(true) ? "노트북" : "Notebooks", language, null, html.ToString(), charts: false, footer);
    }

    private static void CheckTarget(string target, IReadOnlyList<string> notebookPaths)
    {
        if (Path.GetPathRoot(target) == target + Path.DirectorySeparatorChar || Path.GetPathRoot(target) == target)
        {
            throw new ArgumentException($"--out {target}: refusing to replace a file system root");
        }
        foreach (var notebook in notebookPaths.Select(Path.GetFullPath))
        {
            if (notebook.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ArgumentException($"--out {target}: it contains the notebook {notebook}, and the output folder is replaced whole");
            }
        }
        if (File.Exists(target))
        {
            throw new ArgumentException($"--out {target}: it is a file, expected a folder");
        }
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, MarkerFile)))
        {
            throw new ArgumentException($"--out {target}: the folder exists, is not empty and is not an earlier export ({MarkerFile} is missing); choose another folder or empty it");
        }
    }

    private static void Swap(string building, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(building, target);
            return;
        }
        var old = $"{target}.old-{Guid.NewGuid():N}";
        Directory.Move(target, old);
        try
        {
            Directory.Move(building, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }
        Directory.Delete(old, recursive: true);
    }
}
