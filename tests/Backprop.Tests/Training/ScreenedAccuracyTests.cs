using Backprop.Data;
using Backprop.Engine;
using Backprop.Layers;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// The evaluation's first layer in single precision, screened by its error bound, counts exactly what
/// the double-precision forward pass counts — image by image, not just on average.
/// </summary>
public sealed class ScreenedAccuracyTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private MnistSplit Test => mnist.Data.Test;

    /// <summary>The count from predicting every image in double precision.</summary>
    private int ExactCount(LayeredNetwork network)
    {
        var predicted = Trainer.Predictions(network, Test, Enumerable.Range(0, Test.Count).ToArray());
        return predicted.Where((p, i) => p == Test.Labels[i]).Count();
    }

    private int? ScreenedCount(LayeredNetwork network) => Evaluation.Screened(network, Test);

    private TwoLayerNet Trained(int iterations)
    {
        var network = new TwoLayerNet(784, 50, 10, seed: 3);
        new Trainer(network, mnist.Data, new TrainingOptions { Iterations = iterations, EvaluateEvery = 0, Seed = 3 }).Run();
        return network;
    }

    [Fact]
    public void A_trained_network_gets_the_same_count_and_few_images_are_recomputed()
    {
        var network = Trained(600);
        var exact = ExactCount(network);

        Assert.Equal(exact, ScreenedCount(network));
        Assert.InRange(ScreenedAccuracy.Recomputed, 0, Test.Count / 100);   // 0.1% here; under 1%
        Assert.InRange(exact, 8800, 9500);                                  // about 91% after one epoch
        Assert.Equal((double)exact / Test.Count, Trainer.Accuracy(network, Test));
    }

    [Fact]
    public void An_untrained_network_with_near_ties_recomputes_them_and_gets_the_same_count()
    {
        var network = new TwoLayerNet(784, 50, 10, seed: 5);   // weights of 0.01: every score close to the others

        Assert.Equal(ExactCount(network), ScreenedCount(network));
        Assert.True(ScreenedAccuracy.Recomputed > 0, "an untrained network's scores are close enough to need double precision");
    }

    [Fact]
    public void Scores_closer_than_single_precision_can_tell_apart_are_decided_in_double_precision()
    {
        var network = Trained(300);
        var (W2, b2) = (Affine2(network).W, Affine2(network).b);
        // class 7's weights become class 1's, and its bias 1e-9 more: in exact arithmetic 7 always beats 1 by
        // 1e-9, which no single-precision first layer can resolve
        W2.SetColumn(7, W2.Column(1));
        b2[7] = b2[1] + 1e-9;
        var exact = ExactCount(network);

        Assert.Equal(exact, ScreenedCount(network));
        var sevensAndOnes = Test.Labels.Count(l => l is 1 or 7);
        Assert.True(ScreenedAccuracy.Recomputed >= sevensAndOnes / 2, $"{ScreenedAccuracy.Recomputed} recomputed");
    }

    [Theory]
    [InlineData(Activation.Sigmoid, 0.5)]
    [InlineData(Activation.Relu, 0.1)]
    public void A_network_with_two_hidden_layers_gets_the_same_count(Activation activation, double learningRate)
    {
        // not the chapter's Affine → ReLU → Affine: the later layers run as layers, and the bound goes through each
        var network = new MultiLayerNet(784, [40, 30], 10, activation, seed: 7);
        new Trainer(network, mnist.Data, new TrainingOptions { Iterations = 300, EvaluateEvery = 0, Seed = 7, LearningRate = learningRate }).Run();

        Assert.Equal(ExactCount(network), ScreenedCount(network));
        Assert.InRange(ScreenedAccuracy.Recomputed, 0, Test.Count / 20);
    }

    [Fact]
    public void Weights_that_are_not_finite_are_left_to_double_precision()
    {
        var network = Trained(100);
        network.Params["W1"][300, 4] = double.NaN;

        Assert.Null(ScreenedCount(network));
        Assert.Equal((double)ExactCount(network) / Test.Count, Trainer.Accuracy(network, Test));
    }

    private static Affine Affine2(LayeredNetwork network) => (Affine)network.Layers[2].Layer;

    /// <summary>
    /// Between images a count may take a part of another split on its thread (<c>Cores.HelpIfAsked</c>), and that
    /// part may be another network's evaluation — two trainings at once in one process. The nested count must not
    /// change the weights the outer one is using: here it runs from the outer count's own callback, after the
    /// first chunk, on the same thread.
    /// </summary>
    [Fact]
    public void A_count_nested_in_another_on_the_same_thread_leaves_the_outer_counts_weights_alone()
    {
        var outer = new MultiLayerNet(784, [50], 10, Activation.Sigmoid, seed: 4);   // Sigmoid: its layers after the first run per chunk, through the callback
        new Trainer(outer, mnist.Data, new TrainingOptions { Iterations = 300, EvaluateEvery = 0, Seed = 4 }).Run();
        var other = new TwoLayerNet(784, 50, 10, seed: 6);   // same shapes, other weights: it would reuse the same buffer
        var alone = ScreenedCount(outer);
        var otherAlone = ScreenedCount(other);
        var (start, columns, values) = Test.NonZeroPixelLists;
        int? nested = null;

        var count = ScreenedAccuracy.CountCorrect(
            [.. outer.Layers.Select(named => named.Layer switch
            {
                Affine affine => new LayerView(LayerKind.Affine, affine.W, affine.b),
                Sigmoid => new LayerView(LayerKind.Sigmoid),
                _ => new LayerView(LayerKind.Other),
            })],
            x =>
            {
                nested ??= ScreenedCount(other);
                return outer.Layers.Skip(1).Aggregate(x, (h, named) => named.Layer.Forward(h));
            },
            new PixelLists(start, columns, values, Test.Labels, Test.Features),
            indices => Trainer.Predictions(outer, Test, indices),
            0, Test.Count);

        Assert.NotNull(alone);
        Assert.InRange(alone!.Value, 7000, 9500);   // a sigmoid network after half an epoch: ~80%
        Assert.Equal(otherAlone, nested);
        Assert.Equal(alone, count);
    }
}
