using Backprop.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Networks;

public sealed class NumericalGradientTests
{
    [Fact]
    public void Central_difference_of_a_sum_of_squares_is_2x()
    {
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 3.0, 4.0 }, { -1.0, 0.5 } });

        var grad = NumericalGradient.Of(() => x.Enumerate().Sum(v => v * v), x);

        Assert.True((grad - 2 * x).Enumerate().All(v => Math.Abs(v) < 1e-8));
        Assert.Equal(4.0, x[0, 1]);
    }

    [Fact]
    public void Vector_gradient_and_derivative_use_h_1e_4()
    {
        var v = Vector<double>.Build.DenseOfArray([1.0, 2.0]);
        var grad = NumericalGradient.Of(() => v[0] * v[0] * v[0] + v[1], v);

        Assert.Equal(3.0 + 1e-8, grad[0], 10);
        Assert.Equal(1.0, grad[1], 10);
        // the central difference is off by O(h²): σ‴(0)·h²/6 ≈ −2e-10
        Assert.Equal(0.25 - 2.1e-10, NumericalGradient.Derivative(Functions.Sigmoid, 0), 11);
        Assert.Equal(1e-4, NumericalGradient.H);
    }

    [Fact]
    public void A_network_on_two_cores_gives_the_same_numerical_gradient_as_one_entry_after_another()
    {
        var network = new TwoLayerNet(784, 10, 10, seed: 8);
        var x = Backprop.Data.Mnist.LoadTraining(2).Images(0, 2);
        int[] t = [5, 0];

        var numerical = network.NumericalGradient(x, t);   // W1 (7,840 entries) in two halves, the second on a copy

        foreach (var (name, parameter) in network.Params)
        {
            var oneByOne = Backprop.NumericalGradient.Of(() => network.Loss(x, t), parameter);
            Assert.Equal(oneByOne, numerical[name]);   // bit for bit
        }
        Assert.NotEqual(0.0, numerical["W1"].Enumerate().Max(Math.Abs));
    }
}
