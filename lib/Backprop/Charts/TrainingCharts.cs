using Backprop.Training;
using Plotly.NET;

namespace Backprop.Charts;

/// <summary>The chapter's pictures of a training run: the loss per iteration and the accuracy per epoch.</summary>
public static class TrainingCharts
{
    /// <summary>The minibatch loss of every iteration, with a moving average over <paramref name="window"/> iterations.</summary>
    public static GenericChart Loss(IReadOnlyList<double> loss, int window = 100, string title = "Loss per iteration (손실 함수)")
    {
        var iterations = Enumerable.Range(1, loss.Count);
        var traces = new List<Trace> { PlotlyFigure.Scatter("loss", iterations, loss, color: "rgba(31,119,180,0.35)") };
        if (loss.Count >= window && window > 1)
        {
            traces.Add(PlotlyFigure.Scatter($"mean of {window}", iterations.Skip(window - 1), MovingAverage(loss, window), color: "#1f4e8c"));
        }
        return PlotlyFigure.Chart(title, "iteration", "loss", traces);
    }

    /// <summary>Train and test accuracy at each evaluation (once per epoch).</summary>
    public static GenericChart Accuracy(IReadOnlyList<EpochResult> epochs, string title = "Accuracy per epoch (정확도)")
    {
        var x = epochs.Select(e => e.Epoch).ToArray();
        return PlotlyFigure.Chart(title, "epoch", "accuracy",
        [
            PlotlyFigure.Scatter("train", x, epochs.Select(e => e.TrainAccuracy), "lines+markers", "#1f77b4"),
            PlotlyFigure.Scatter("test", x, epochs.Select(e => e.TestAccuracy), "lines+markers", "#ff7f0e"),
        ], yRange: new[] { 0.0, 1.0 });
    }

    /// <summary>Several loss curves on one chart (e.g. SGD, Momentum, AdaGrad, Adam), each smoothed over <paramref name="window"/>.</summary>
    public static GenericChart CompareLoss(IReadOnlyDictionary<string, IReadOnlyList<double>> losses, int window = 50, string title = "Loss per iteration")
    {
        var traces = losses.Select(pair =>
        {
            var smooth = pair.Value.Count >= window ? MovingAverage(pair.Value, window) : pair.Value.ToArray();
            return (Trace)PlotlyFigure.Scatter(pair.Key, Enumerable.Range(pair.Value.Count - smooth.Length + 1, smooth.Length), smooth);
        });
        return PlotlyFigure.Chart(title, "iteration", window > 1 ? $"loss (mean of {window})" : "loss", traces);
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
