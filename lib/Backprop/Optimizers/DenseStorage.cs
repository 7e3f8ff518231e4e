using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Optimizers;

/// <summary>The entries of a dense matrix as one array, so element-wise updates are plain loops.</summary>
internal static class DenseStorage
{
    /// <summary>The matrix's own column-major array (not a copy).</summary>
    public static double[] Of(Matrix<double> m, string name) =>
        m.AsColumnMajorArray() ?? throw new ArgumentException($"optimizer: parameter '{name}' must be a dense matrix");

    /// <summary>Checks that a parameter and its gradient are dense matrices of the same size.</summary>
    public static void Require(Matrix<double> W, Matrix<double> dW, string name)
    {
        if (Of(W, name).Length != Of(dW, name).Length)
        {
            throw new ArgumentException($"optimizer: parameter '{name}' is {Shapes.Of(W)} but its gradient is {Shapes.Of(dW)}");
        }
    }

    /// <summary>An optimizer's state for parameter <paramref name="key"/> (v, h, m …): zeros the first time, then the same array.</summary>
    public static double[] StateFor(Dictionary<string, double[]> state, string key, int length)
    {
        if (!state.TryGetValue(key, out var values))
        {
            values = new double[length];
            state[key] = values;
        }
        return values;
    }
}
