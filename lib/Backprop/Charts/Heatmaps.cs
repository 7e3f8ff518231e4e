using Plotly.NET;

namespace Backprop.Charts;

/// <summary>Heatmaps, such as a confusion matrix.</summary>
public static class Heatmaps
{
    /// <summary>
    /// The confusion matrix of predictions: row = true label, column = predicted label,
    /// each cell the number of test images. The title and labels follow <see cref="Text.Language"/>.
    /// </summary>
    public static GenericChart Confusion(IReadOnlyList<int> trueLabels, IReadOnlyList<int> predicted, IReadOnlyList<string>? classNames = null, string? title = null)
    {
        if (trueLabels.Count != predicted.Count)
        {
            throw new ArgumentException($"confusion matrix: {trueLabels.Count} true labels but {predicted.Count} predictions");
        }
        var classes = classNames?.Count ?? Math.Max(trueLabels.DefaultIfEmpty(0).Max(), predicted.DefaultIfEmpty(0).Max()) + 1;
        var names = classNames?.ToArray() ?? Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var counts = new int[classes][];
        for (var i = 0; i < classes; i++)
        {
            counts[i] = new int[classes];
        }
        for (var k = 0; k < trueLabels.Count; k++)
        {
            counts[trueLabels[k]][predicted[k]]++;
        }
        var trace = new Trace2D("heatmap");
        trace.SetProperty("z", counts);
        trace.SetProperty("x", names);
        trace.SetProperty("y", names);
        trace.SetProperty("colorscale", "Blues");
        trace.SetProperty("texttemplate", "%{z}");
        trace.SetProperty("hovertemplate", Phrases.ConfusionHover + "<extra></extra>");
        var chart = PlotlyFigure.Chart(title ?? Phrases.ConfusionTitle, Phrases.Predicted, Phrases.TrueLabel, [trace]);
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("yaxis", new { title = new { text = Phrases.TrueLabel }, autorange = "reversed", type = "category" });
        layout.SetProperty("xaxis", new { title = new { text = Phrases.Predicted }, type = "category" });
        return chart;
    }
}
