using Backprop.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>
/// <c>Images(indices)</c>'s minibatch is a dense matrix whose two large products skip the zeros: the same
/// numbers bit for bit as the trainer's sparse minibatch, a dense transpose for code translated from NumPy
/// (<c>x.Transpose() * dy</c>), and products that follow any change a learner makes to the matrix.
/// </summary>
[Collection(GlobalProviderCollection.Name)]
public sealed class MinibatchMatrixTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    private static readonly int[] Indices = [3, 59_999, 0, 3, 4_242, 17, 30_000, 8];

    private static Matrix<double> Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() - 0.5);
    }

    [Fact]
    public void Products_are_the_sparse_minibatchs_bit_for_bit()
    {
        var x = mnist.Data.Train.Images(Indices);
        var sparse = mnist.Data.Train.SparseImages(Indices);
        var (W, dout) = (Random(784, 50, 1), Random(Indices.Length, 50, 2));

        Assert.IsType<MinibatchMatrix>(x);
        Assert.Equal((sparse * W).ToColumnMajorArray(), (x * W).ToColumnMajorArray());
        Assert.Equal(sparse.TransposeThisAndMultiply(dout).ToColumnMajorArray(), x.TransposeThisAndMultiply(dout).ToColumnMajorArray());
        Assert.Equal(sparse.NonZerosCount, ((MinibatchMatrix)x).NonZeros.NonZerosCount);
    }

    [Fact]
    public void Its_transpose_is_dense_and_its_product_is_the_dense_one()
    {
        var x = mnist.Data.Train.Images(Indices);
        var dense = DenseMatrix.OfMatrix(x);
        var dy = Random(Indices.Length, 50, 3);

        var transposed = x.Transpose();

        Assert.IsType<DenseMatrix>(transposed);
        Assert.Equal(dense.Transpose().ToColumnMajorArray(), transposed.ToColumnMajorArray());
        // the natural translation of NumPy's np.dot(X.T, dy): through the dense product, as NumPy's is
        Assert.Equal((dense.Transpose() * dy).ToColumnMajorArray(), (transposed * dy).ToColumnMajorArray());
    }

    [Fact]
    public void A_change_to_the_matrix_is_seen_by_the_next_product()
    {
        var x = mnist.Data.Train.Images(Indices);
        var (W, dout) = (Random(784, 50, 4), Random(Indices.Length, 50, 5));
        _ = x * W;   // the non-zeros were used once

        x[2, 0] = 0.25;                      // a new non-zero where the image had a zero
        x[0, 400] = 0.0;                     // a pixel cleared (one fewer non-zero)
        x[1, 300] = x[1, 300] + 1.0;         // a pixel changed in place
        var dense = DenseMatrix.OfMatrix(x);

        AssertClose(dense * W, x * W);
        AssertClose(dense.TransposeThisAndMultiply(dout), x.TransposeThisAndMultiply(dout));
        Assert.Equal(dense.Enumerate().Count(v => v != 0.0), ((MinibatchMatrix)x).NonZeros.NonZerosCount);

        x.MapInplace(v => 1.0 - v);           // every entry, through the storage
        AssertClose(DenseMatrix.OfMatrix(x) * W, x * W);

        x.Clear();
        Assert.Equal(0.0, (x * W).Enumerate().Max(Math.Abs));
    }

    [Fact]
    public void A_NaN_written_into_the_matrix_reaches_the_product()
    {
        var x = mnist.Data.Train.Images(Indices);
        var W = Random(784, 50, 6);
        var before = x * W;
        Assert.DoesNotContain(before.Enumerate(), double.IsNaN);

        x[4, 123] = double.NaN;

        var after = x * W;
        Assert.All(after.Row(4).Enumerate(), v => Assert.True(double.IsNaN(v)));
        Assert.DoesNotContain(after.Row(3).Enumerate(), double.IsNaN);
    }

    [Fact]
    public void An_empty_minibatch_multiplies_to_an_empty_result()
    {
        var x = mnist.Data.Train.Images(Array.Empty<int>());
        var product = x * Random(784, 50, 7);
        Assert.Equal(0, product.RowCount);
        Assert.Equal(50, product.ColumnCount);
    }

    private static void AssertClose(Matrix<double> expected, Matrix<double> actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        var largest = (expected - actual).Enumerate().Max(Math.Abs);
        Assert.True(largest <= 1e-12, $"largest difference {largest}");
    }
}
