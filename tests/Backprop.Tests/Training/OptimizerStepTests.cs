using Backprop.Optimizers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Training;

/// <summary>One or two update steps of each optimizer, computed by hand.</summary>
public sealed class OptimizerStepTests
{
    private static (Dictionary<string, Matrix<double>> Params, Dictionary<string, Matrix<double>> Grads) One(double w, double g) =>
        (new() { ["W"] = Matrix<double>.Build.Dense(1, 1, w) }, new() { ["W"] = Matrix<double>.Build.Dense(1, 1, g) });

    [Fact]
    public void Sgd_steps_against_the_gradient()
    {
        var (p, g) = One(1.0, 0.5);
        new Sgd(0.1).Update(p, g);
        Assert.Equal(0.95, p["W"][0, 0], 15);
    }

    [Theory]
    [InlineData(784, 50)]   // W1: each half of the columns updated on its own core
    [InlineData(50, 10)]    // W2: in one go
    public void Sgd_updates_every_entry_of_a_large_parameter_exactly(int rows, int columns)
    {
        var random = new Random(3);
        var W = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() - 0.5);
        var dW = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() - 0.5);
        var expected = W.ToColumnMajorArray().Zip(dW.ToColumnMajorArray(), (w, d) => w + (-0.1 * d)).ToArray();

        new Sgd(0.1).Update(new Dictionary<string, Matrix<double>> { ["W1"] = W }, new Dictionary<string, Matrix<double>> { ["W1"] = dW });

        Assert.Equal(expected, W.ToColumnMajorArray());
    }

    [Fact]
    public void Momentum_accumulates_velocity()
    {
        var (p, g) = One(1.0, 0.5);
        var momentum = new Momentum(0.1, 0.9);
        momentum.Update(p, g);   // v = -0.05
        momentum.Update(p, g);   // v = 0.9·(-0.05) - 0.05 = -0.095
        Assert.Equal(1.0 - 0.05 - 0.095, p["W"][0, 0], 15);
    }

    [Fact]
    public void AdaGrad_divides_by_the_root_of_the_summed_squares()
    {
        var (p, g) = One(1.0, 0.5);
        var adagrad = new AdaGrad(0.1);
        adagrad.Update(p, g);   // h = 0.25 → step 0.1·0.5/0.5 = 0.1
        adagrad.Update(p, g);   // h = 0.5 → step 0.05/√0.5
        Assert.Equal(1.0 - 0.1 / (1 + 2e-7) - 0.05 / (Math.Sqrt(0.5) + 1e-7), p["W"][0, 0], 12);
    }

    [Fact]
    public void Adam_first_step_moves_by_about_the_learning_rate()
    {
        var (p, g) = One(1.0, 0.5);
        new Adam(0.001).Update(p, g);
        // m = 0.05, v = 0.00025, lr_t = 0.001·√0.001/0.1 → step = lr_t·0.05/(√0.00025 + 1e-7) ≈ 0.001
        var lrT = 0.001 * Math.Sqrt(1 - 0.999) / (1 - 0.9);
        Assert.Equal(1.0 - lrT * 0.05 / (Math.Sqrt(0.00025) + 1e-7), p["W"][0, 0], 15);
    }
}
