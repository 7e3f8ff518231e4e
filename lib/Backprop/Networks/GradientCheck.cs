using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Networks;

/// <summary>
/// Gradient check (기울기 확인): backpropagation's gradients against numerical differentiation's,
/// as the mean absolute difference per parameter. Near 0 (1e-10 … 1e-7) means backprop is right.
/// </summary>
public static class GradientCheck
{
    /// <summary>Mean |backprop − numerical| for each parameter ("W1", "b1", …), in the network's order.</summary>
    public static IReadOnlyDictionary<string, double> Run(INetwork network, Matrix<double> x, int[] t)
    {
        var gradNumerical = network.NumericalGradient(x, t);
        var gradBackprop = network.Gradient(x, t, out _);
        var result = new Dictionary<string, double>();
        foreach (var key in network.Params.Keys)
        {
            var diff = gradBackprop[key] - gradNumerical[key];
            result[key] = diff.Enumerate().Average(Math.Abs);
        }
        return result;
    }
}
