using Backprop.Networks;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Networks;

public sealed class MultiLayerNetTests
{
    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Sigmoid)]
    public void Deeper_nets_pass_the_gradient_check(Activation activation)
    {
        var random = new Random(5);
        var x = Matrix<double>.Build.Random(4, 12, new ContinuousUniform(0, 1, random));
        var network = new MultiLayerNet(12, [8, 6, 5], 3, activation, seed: 2);

        var differences = GradientCheck.Run(network, x, [0, 2, 1, 2]);

        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4"], differences.Keys);
        Assert.All(differences, d => Assert.True(d.Value < 1e-7, $"{d.Key}: {d.Value:E2}"));
    }

    [Fact]
    public void Layers_alternate_affine_and_activation()
    {
        var network = new MultiLayerNet(10, [7, 5], 3, Activation.Sigmoid, seed: 1);
        Assert.Equal(["Affine1", "Sigmoid1", "Affine2", "Sigmoid2", "Affine3"], network.Layers.Select(l => l.Name));
    }

    [Fact]
    public void He_initialisation_scales_by_the_previous_layer_size()
    {
        var network = new MultiLayerNet(800, [400], 10, Activation.Relu, seed: 1);
        var std = Math.Sqrt(network.Params["W1"].Enumerate().Select(v => v * v).Average());
        Assert.InRange(std, Math.Sqrt(2.0 / 800) * 0.98, Math.Sqrt(2.0 / 800) * 1.02);
    }

    [Fact]
    public void No_hidden_layer_is_an_error()
    {
        Assert.Contains("at least one hidden layer", Assert.Throws<ArgumentException>(() => new MultiLayerNet(4, [], 2)).Message);
    }
}
