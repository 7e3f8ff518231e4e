using Backprop.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Networks;

public sealed class TwoLayerNetTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    [Fact]
    public void Gradient_check_on_3_MNIST_images_is_below_1e_6_for_every_parameter()
    {
        var x = mnist.Data.Train.Images(0, 3);
        var t = mnist.Data.Train.Labels[..3];
        var network = new TwoLayerNet(784, 50, 10, seed: 1);

        var differences = GradientCheck.Run(network, x, t);

        Assert.Equal(["W1", "b1", "W2", "b2"], differences.Keys);
        Assert.All(differences, d => Assert.True(d.Value < 1e-6, $"{d.Key}: {d.Value:E2}"));
        // and not trivially zero: the two methods really computed something
        Assert.All(differences, d => Assert.True(d.Value > 0, $"{d.Key} is exactly 0"));
    }

    [Fact]
    public void Is_built_from_an_ordered_layer_list_with_book_shapes()
    {
        var network = new TwoLayerNet(784, 50, 10, seed: 3);

        Assert.Equal(["Affine1", "Relu1", "Affine2"], network.Layers.Select(l => l.Name));
        Assert.Equal((784, 50), (network.Params["W1"].RowCount, network.Params["W1"].ColumnCount));
        Assert.Equal((1, 50), (network.Params["b1"].RowCount, network.Params["b1"].ColumnCount));
        Assert.Equal((50, 10), (network.Params["W2"].RowCount, network.Params["W2"].ColumnCount));
        Assert.All(network.Params["b2"].Enumerate(), v => Assert.Equal(0, v));
        var std = Math.Sqrt(network.Params["W1"].Enumerate().Select(v => v * v).Average());
        Assert.InRange(std, 0.0095, 0.0105);
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_different_seeds_do_not()
    {
        var a = new TwoLayerNet(20, 5, 3, seed: 7);
        var b = new TwoLayerNet(20, 5, 3, seed: 7);
        var c = new TwoLayerNet(20, 5, 3, seed: 8);

        Assert.Equal(a.Params["W1"], b.Params["W1"]);
        Assert.NotEqual(a.Params["W1"], c.Params["W1"]);
    }

    [Fact]
    public void Bias_parameters_share_storage_with_the_layers()
    {
        var network = new TwoLayerNet(4, 3, 2, seed: 1);
        network.Params["b1"][0, 1] = 5;

        var affine = (Backprop.Layers.Affine)network.Layers[0].Layer;
        Assert.Equal(5, affine.b[1]);
    }

    [Fact]
    public void Accuracy_counts_rows_whose_highest_score_is_the_label()
    {
        var network = new TwoLayerNet(2, 2, 2, seed: 1);
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0.0 }, { 0.0, 1.0 }, { 1.0, 1.0 }, { 2.0, 0.0 } });
        var predicted = Functions.ArgMaxRows(network.Predict(x));

        Assert.Equal(1.0, network.Accuracy(x, predicted));
        Assert.Equal(0.0, network.Accuracy(x, predicted.Select(p => 1 - p).ToArray()));
    }

    [Fact]
    public void Zero_or_negative_sizes_are_rejected_by_name()
    {
        Assert.Contains("hiddenSize must be positive, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new TwoLayerNet(784, 0, 10)).Message);
        Assert.Contains("inputSize must be positive, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new TwoLayerNet(-1, 5, 10)).Message);
    }
}
