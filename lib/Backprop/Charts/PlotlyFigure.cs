using Plotly.NET;

namespace Backprop.Charts;

/// <summary>Builds Plotly.NET charts from plain traces and layout properties (plotly.js attribute names).</summary>
internal static class PlotlyFigure
{
    /// <summary>A scatter trace: lines, markers or both.</summary>
    public static Trace2D Scatter<TX>(string name, IEnumerable<TX> x, IEnumerable<double> y, string mode = "lines", string? color = null)
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("name", name);
        trace.SetProperty("x", x.ToArray());
        trace.SetProperty("y", y.Select(Round).ToArray());
        trace.SetProperty("mode", mode);
        if (color is not null)
        {
            trace.SetProperty("line", new { color });
            trace.SetProperty("marker", new { color });
        }
        return trace;
    }

    /// <summary>
    /// Six significant digits are plenty for a picture and keep a 10,000-point loss curve's JSON
    /// (stored twice in a notebook: plotly JSON and HTML) at half the size.
    /// </summary>
    private static double Round(double value) =>
        double.IsFinite(value) && value != 0
            ? Math.Round(value, Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15))
            : value;

    /// <summary>A chart of the traces with a title and axis titles.</summary>
    public static GenericChart Chart(string title, string xTitle, string yTitle, IEnumerable<Trace> traces, object? yRange = null)
    {
        var chart = GenericChart.ofTraceObjects(false, traces.ToList());
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", new { text = title });
        layout.SetProperty("xaxis", new { title = new { text = xTitle } });
        layout.SetProperty("yaxis", yRange is null
            ? new { title = new { text = yTitle } }
            : (object)new { title = new { text = yTitle }, range = yRange });
        layout.SetProperty("template", "plotly_white");
        layout.SetProperty("margin", new { l = 60, r = 20, t = 50, b = 50 });
        layout.SetProperty("legend", new { orientation = "h", y = -0.2 });
        return chart;
    }
}
