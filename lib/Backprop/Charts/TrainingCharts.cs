using Backprop.Training;
using Plotly.NET;

namespace Backprop.Charts;

/// <summary>The chapter's pictures of a training run: the loss per iteration and the accuracy per epoch.</summary>
public static class TrainingCharts
{
    /// <summary>The minibatch loss of every iteration, with a moving average over <paramref name="window"/> iterations; the title and labels follow <see cref="Text.Language"/>.</summary>
    public static GenericChart Loss(IReadOnlyList<double> loss, int window = 100, string? title = null)
    {
        var iterations = Enumerable.Range(1, loss.Count);
        var traces = new List<Trace> { PlotlyFigure.Scatter(Phrases.Loss, iterations, loss, color: "rgba(31,119,180,0.35)") };
        if (loss.Count >= window && window > 1)
        {
            traces.Add(PlotlyFigure.Scatter(Phrases.MovingAverage(window), iterations.Skip(window - 1), MovingAverage(loss, window), color: "#1f4e8c"));
        }
        return PlotlyFigure.Chart(title ?? Phrases.LossTitle, Phrases.Iteration, Phrases.Loss, traces);
    }

    /// <summary>Train and test accuracy at each evaluation (once per epoch); the title and labels follow <see cref="Text.Language"/>.</summary>
    public static GenericChart Accuracy(IReadOnlyList<EpochResult> epochs, string? title = null)
    {
        var x = epochs.Select(e => e.Epoch).ToArray();
        return PlotlyFigure.Chart(title ?? Phrases.AccuracyTitle, Phrases.Epoch, Phrases.Accuracy,
        [
            PlotlyFigure.Scatter(Phrases.Train, x, epochs.Select(e => e.TrainAccuracy), "lines+markers", "#1f77b4"),
            PlotlyFigure.Scatter(Phrases.Test, x, epochs.Select(e => e.TestAccuracy), "lines+markers", "#ff7f0e"),
        ], yRange: new[] { 0.0, 1.0 });
    }

    /// <summary>Several loss curves on one chart (e.g. SGD, Momentum, AdaGrad, Adam), each smoothed over <paramref name="window"/>; labels follow <see cref="Text.Language"/>.</summary>
    public static GenericChart CompareLoss(IReadOnlyDictionary<string, IReadOnlyList<double>> losses, int window = 50, string? title = null)
    {
        var traces = losses.Select(pair =>
        {
            var smooth = pair.Value.Count >= window ? MovingAverage(pair.Value, window) : pair.Value.ToArray();
            return (Trace)PlotlyFigure.Scatter(pair.Key, Enumerable.Range(pair.Value.Count - smooth.Length + 1, smooth.Length), smooth);
        });
        return PlotlyFigure.Chart(title ?? Phrases.CompareLossTitle, Phrases.Iteration, window > 1 ? Phrases.LossMovingAverage(window) : Phrases.Loss, traces);
    }

    /// <summary>The mean of each run of <paramref name="window"/> consecutive values.</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        if (window <= 0 || window > values.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"moving average: window {window} must be between 1 and {values.Count}");
        }
        var result = new double[values.Count - window + 1];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }
            if (i >= window - 1)
            {
                result[i - window + 1] = sum / window;
            }
        }
        return result;
    }
}
