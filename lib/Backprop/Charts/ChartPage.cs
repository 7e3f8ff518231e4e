using System.Net;
using System.Text;
using Plotly.NET;

namespace Backprop.Charts;

/// <summary>
/// A self-contained HTML page of charts: plotly.js (the copy shipped inside Plotly.NET) is inlined,
/// so the page works offline and can be mailed or opened from a USB stick.
/// </summary>
public static class ChartPage
{
    private const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>The page's HTML.</summary>
    public static string Html(string title, IEnumerable<GenericChart> charts, string? caption = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,'Noto Sans CJK KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#111}")
            .Append(".chart{width:100%;height:28rem;margin:1.5rem 0}</style>\n")
            .Append("<script>").Append(PlotlyJs()).Append("</script>\n</head>\n<body>\n")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        if (caption is not null)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(caption)).Append("</p>\n");
        }
        var n = 0;
        foreach (var chart in charts)
        {
            var id = $"chart{n++}";
            html.Append($"<div class=\"chart\" id=\"{id}\"></div>\n<script>(function(){{var f={GenericChart.toFigureJson(chart)};")
                .Append($"Plotly.newPlot('{id}',f.data,f.layout,Object.assign({{responsive:true}},f.config||{{}}));}})();</script>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/>, whole or not at all.</summary>
    public static void Save(string path, string title, IEnumerable<GenericChart> charts, string? caption = null) =>
        AtomicFile.WriteAllText(path, Html(title, charts, caption));

    /// <summary>plotly.js 2.28.0 as shipped inside Plotly.NET (MIT licence).</summary>
    public static string PlotlyJs()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(PlotlyResource)
            ?? throw new InvalidOperationException($"Plotly.NET does not contain {PlotlyResource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
