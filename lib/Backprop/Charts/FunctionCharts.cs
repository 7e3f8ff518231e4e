using Plotly.NET;

namespace Backprop.Charts;

/// <summary>Plots of functions of one variable, such as an activation function and its derivative.</summary>
public static class FunctionCharts
{
    /// <summary>Plots each named function over [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static GenericChart Plot(string title, double from, double to, params (string Name, Func<double, double> F)[] functions)
    {
        const int points = 401;
        var x = Enumerable.Range(0, points).Select(i => from + (to - from) * i / (points - 1)).ToArray();
        return PlotlyFigure.Chart(title, "x", "y",
            functions.Select(f => (Trace)PlotlyFigure.Scatter(f.Name, x, x.Select(f.F))));
    }

    /// <summary>A line chart of named series against their index (1, 2, …).</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params (string Name, IReadOnlyList<double> Y)[] series) =>
        PlotlyFigure.Chart(title, xTitle, yTitle,
            series.Select(s => (Trace)PlotlyFigure.Scatter(s.Name, Enumerable.Range(1, s.Y.Count), s.Y, "lines+markers")));

    /// <summary>A bar chart of labelled values.</summary>
    public static GenericChart Bars(string title, string xTitle, string yTitle, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        var trace = new Trace2D("bar");
        trace.SetProperty("x", labels.ToArray());
        trace.SetProperty("y", values.ToArray());
        trace.SetProperty("name", yTitle);
        return PlotlyFigure.Chart(title, xTitle, yTitle, [trace]);
    }
}
