using System.Globalization;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace Backprop.Display;

/// <summary>Turns a Plotly.NET chart into the plotly figure JSON and into HTML that draws it.</summary>
internal static class PlotlyDisplay
{
    /// <summary>The plotly.js version Plotly.NET 6.0.0 is written for (and embeds).</summary>
    internal const string PlotlyJsVersion = "2.28.0";

    /// <summary>The chart as {"data": [...], "layout": {...}, "config": {...}}.</summary>
    public static string ToFigureJson(GenericChart chart) => GenericChart.toJson(chart);

    /// <summary>
    /// A div and a script that draw the chart: with the page's plotly.js when it has one, else through
    /// require.js (Jupyter classic), else by adding a script tag; offline frontends use the plotly JSON mime type.
    /// </summary>
    public static string ToHtml(GenericChart chart)
    {
        var id = "plotly-" + Guid.NewGuid().ToString("N");
        var figure = ToFigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        var cdn = $"https://cdn.plot.ly/plotly-{PlotlyJsVersion}.min";
        return $$"""
            <div id="{{id}}"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              function draw(plotly) { plotly.newPlot('{{id}}', figure.data, figure.layout, figure.config); }
              if (window.Plotly) { draw(window.Plotly); return; }
              if (typeof window.require === 'function' && typeof window.require.config === 'function') {
                window.require.config({ paths: { plotly: '{{cdn}}' } });
                window.require(['plotly'], draw);
                return;
              }
              var script = document.createElement('script');
              script.src = '{{cdn}}.js';
              script.onload = function () { draw(window.Plotly); };
              document.head.appendChild(script);
            })();
            </script>
            """;
    }

    /// <summary>A one-line summary: trace types and the title when there is one.</summary>
    public static string ToPlainText(GenericChart chart)
    {
        var figure = JsonNode.Parse(ToFigureJson(chart)) as JsonObject;
        var traces = (figure?["data"] as JsonArray)?.Select(t => (t as JsonObject)?["type"]?.ToString() ?? "trace").ToList() ?? [];
        var title = ((figure?["layout"] as JsonObject)?["title"]) switch
        {
            JsonObject t => t["text"]?.ToString(),
            JsonValue t => t.ToString(),
            _ => null,
        };
        var summary = Phrases.ChartSummary(traces.Count, string.Join(", ", traces));
        return title is null ? summary : $"{summary} \"{title}\"";
    }
}
