using Backprop.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Bench;

/// <summary>Inputs shaped like the chapter's: MNIST-like images (about 81% zeros) and small random weights.</summary>
internal static class ChapterShapes
{
    /// <summary>Switches the process to "blas" (the fast path) or "managed" products.</summary>
    public static void UseProducts(string products)
    {
        if (products == "managed")
        {
            MatrixProducts.UseManaged();
        }
        else
        {
            MatrixProducts.UseFastest();
        }
    }

    public static Matrix<double> Images(int count, Random random) =>
        Matrix<double>.Build.Dense(count, 784, (_, _) => random.NextDouble() < 0.81 ? 0.0 : random.NextDouble());

    public static Matrix<double> Weights(int rows, int columns, Random random) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => 0.01 * ((2 * random.NextDouble()) - 1));
}
