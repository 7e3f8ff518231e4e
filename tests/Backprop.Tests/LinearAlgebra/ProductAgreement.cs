using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>Relative agreement of two results: ‖a − b‖ / ‖b‖ in the Frobenius norm (0 when both are 0).</summary>
internal static class ProductAgreement
{
    public const double Tolerance = 1e-12;

    public static double RelativeDifference(double[] actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0, norm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }

        return norm == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff / norm);
    }

    public static double RelativeDifference(Matrix<double> actual, Matrix<double> expected)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        return RelativeDifference(actual.ToColumnMajorArray(), expected.ToColumnMajorArray());
    }

    public static double RelativeDifference(Vector<double> actual, Vector<double> expected) =>
        RelativeDifference(actual.ToArray(), expected.ToArray());

    public static void AssertAgree(Matrix<double> actual, Matrix<double> expected, string what)
    {
        var relative = RelativeDifference(actual, expected);
        Assert.True(relative <= Tolerance, $"{what}: relative difference {relative:E2} exceeds {Tolerance:E0}");
    }

    public static void AssertAgree(Vector<double> actual, Vector<double> expected, string what)
    {
        var relative = RelativeDifference(actual, expected);
        Assert.True(relative <= Tolerance, $"{what}: relative difference {relative:E2} exceeds {Tolerance:E0}");
    }

    /// <summary>A matrix of random entries in [-1, 1), with about <paramref name="zeroFraction"/> of them exactly 0 (like MNIST's background pixels).</summary>
    public static double[] Random(int length, double zeroFraction, Random random)
    {
        var x = new double[length];
        for (var i = 0; i < length; i++)
        {
            x[i] = random.NextDouble() < zeroFraction ? 0.0 : (2 * random.NextDouble()) - 1;
        }

        return x;
    }
}
