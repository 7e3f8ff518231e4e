using System.Text.Json.Nodes;
using Backprop.Charts;
using Backprop.Training;
using Plotly.NET;

namespace Backprop.Tests.Charts;

public sealed class ChartTests
{
    [Fact]
    public void Loss_chart_has_every_iteration_and_a_moving_average()
    {
        var loss = Enumerable.Range(0, 300).Select(i => 2.0 / (1 + i)).ToArray();

        var figure = JsonNode.Parse(GenericChart.toFigureJson(TrainingCharts.Loss(loss)))!;

        Assert.Equal(300, figure["data"]![0]!["y"]!.AsArray().Count);
        Assert.Equal(201, figure["data"]![1]!["y"]!.AsArray().Count);
        Assert.Equal("iteration", (string?)figure["layout"]!["xaxis"]!["title"]!["text"]);
    }

    [Fact]
    public void Accuracy_chart_has_train_and_test_per_epoch()
    {
        var epochs = new[] { new EpochResult(0, 0, 0.1, 0.09, 2.3, TimeSpan.Zero), new EpochResult(1, 600, 0.9, 0.91, 0.4, TimeSpan.FromSeconds(1)) };

        var figure = JsonNode.Parse(GenericChart.toFigureJson(TrainingCharts.Accuracy(epochs)))!;

        Assert.Equal("train", (string?)figure["data"]![0]!["name"]);
        Assert.Equal(0.91, (double)figure["data"]![1]!["y"]![1]!);
    }

    [Fact]
    public void Moving_average_of_1_to_5_over_2()
    {
        Assert.Equal([1.5, 2.5, 3.5, 4.5], TrainingCharts.MovingAverage([1, 2, 3, 4, 5], 2));
    }

    [Fact]
    public void Chart_page_inlines_plotly_and_fetches_nothing()
    {
        var html = ChartPage.Html("run", [TrainingCharts.Loss([1.0, 0.5])]);

        Assert.Contains("plotly.js v2.28.0", html);
        Assert.DoesNotContain("<script src", html);
        Assert.Contains("Plotly.newPlot('chart0'", html);
    }

    [Fact]
    public void Confusion_matrix_counts_true_against_predicted()
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(Heatmaps.Confusion([0, 0, 1, 2], [0, 1, 1, 2])))!;
        var z = figure["data"]![0]!["z"]!;
        Assert.Equal(1, (int)z[0]![0]!);
        Assert.Equal(1, (int)z[0]![1]!);
        Assert.Equal(1, (int)z[1]![1]!);
        Assert.Equal(0, (int)z[1]![0]!);
    }

    [Fact]
    public void Chart_values_keep_six_significant_digits()
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(TrainingCharts.Loss([2.302585092994046, 0.0123456789, 1234.56789], window: 1)))!;
        var y = figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!).ToArray();

        Assert.Equal([2.30259, 0.0123457, 1234.57], y);
    }
}
