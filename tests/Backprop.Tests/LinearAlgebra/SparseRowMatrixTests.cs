using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Optimizers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>
/// A minibatch kept as its non-zero pixels gives the same numbers as the dense minibatch on MathNet's
/// managed provider: every product the chapter uses, every layer, a full step and a short run.
/// </summary>
[Collection(GlobalProviderCollection.Name)]
public sealed class SparseRowMatrixTests(MnistFixture mnist) : IDisposable, IClassFixture<MnistFixture>
{
    private static readonly bool Vector512Kernels = SparseRowMatrix.UseVector512;

    public void Dispose()
    {
        MatrixProducts.UseFastest();
        SparseRowMatrix.UseVector512 = Vector512Kernels;
    }

    private static Matrix<double> Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, columns, ProductAgreement.Random(rows * columns, 0, random));
    }

    /// <summary>A matrix with about the given share of non-zeros, in random places.</summary>
    private static Matrix<double> Sparse(int rows, int columns, double density, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() < density ? random.NextDouble() - 0.5 : 0.0);
    }

    [Fact]
    public void Of_keeps_exactly_the_non_zero_entries()
    {
        var dense = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, 2, 0, 0 }, { 0, 0, 0, 0 }, { 1, 0, 0, -3 } });

        var sparse = SparseRowMatrix.Of(dense);

        Assert.Equal(3, sparse.NonZerosCount);
        Assert.Equal(dense, Matrix<double>.Build.DenseOfMatrix(sparse));
        Assert.Equal(-3, sparse[2, 3]);
    }

    [Theory]
    [InlineData(100, 784, 50, 0.19)]   // x·W1 for a minibatch (the wide kernel)
    [InlineData(3, 784, 50, 0.19)]     // the gradient check's 3 images (straight from W's columns)
    [InlineData(200, 784, 100, 0.19)]  // a hidden layer wider than one pass of 16 vectors
    [InlineData(40, 64, 10, 0.5)]      // narrow: 10 columns padded to 12
    [InlineData(7, 30, 3, 0.3)]
    [InlineData(2, 30, 5, 0.2)]        // few non-zeros and a width that is not a multiple of 4
    public void Products_with_a_dense_matrix_agree_with_the_dense_product(int m, int k, int n, double density)
    {
        MatrixProducts.UseManaged();
        var dense = Sparse(m, k, density, seed: m + k + n);
        var sparse = SparseRowMatrix.Of(dense);
        var w = Random(k, n, seed: 1);
        var dout = Random(m, n, seed: 2);

        ProductAgreement.AssertAgree(sparse * w, dense * w, $"x·W ({m}×{k} · {k}×{n})");
        ProductAgreement.AssertAgree(sparse.TransposeThisAndMultiply(dout), dense.TransposeThisAndMultiply(dout), $"xᵀ·dout ({k}×{m} · {m}×{n})");

        // into an existing result, twice in a row (the buffers are reused)
        var into = Matrix<double>.Build.Dense(k, n);
        sparse.TransposeThisAndMultiply(dout, into);
        sparse.TransposeThisAndMultiply(dout * 2, into);
        ProductAgreement.AssertAgree(into, dense.TransposeThisAndMultiply(dout * 2), "xᵀ·(2·dout) after a first product into the same matrix");
    }

    [Fact]
    public void An_empty_row_gives_a_zero_row_and_no_gradient()
    {
        var dense = Sparse(100, 784, 0.19, seed: 5);
        dense.ClearRow(17);
        var sparse = SparseRowMatrix.Of(dense);
        var w = Random(784, 50, seed: 6);

        var y = sparse * w;

        Assert.All(y.Row(17).Enumerate(), v => Assert.Equal(0.0, v));
        Assert.Equal(dense * w, y, new ToleranceComparer(1e-12));
    }

    [Fact]
    public void A_minibatch_of_MNIST_is_the_same_sparse_or_dense()
    {
        var indices = new[] { 0, 7, 59999, 123, 7 };
        var dense = mnist.Data.Train.Images(indices);
        var sparse = mnist.Data.Train.SparseImages(indices);

        Assert.Equal(dense, Matrix<double>.Build.DenseOfMatrix(sparse));   // bit for bit: the same bytes divided by 255
        var zeros = dense.Enumerate().Count(v => v == 0);
        Assert.Equal(dense.RowCount * dense.ColumnCount - zeros, sparse.NonZerosCount);
        Assert.InRange((double)zeros / (5 * 784), 0.7, 0.9);   // MNIST is mostly zeros: the reason for all this
    }

    [Fact]
    public void Affine_forward_and_backward_agree_at_the_chapters_shapes()
    {
        var x = mnist.Data.Train.Images(0, 100);
        var xSparse = mnist.Data.Train.SparseImages(0, 100);
        var w = Random(784, 50, seed: 11);
        var b = Vector<double>.Build.Dense(50, i => i * 0.01);
        var dout = Random(100, 50, seed: 12);

        MatrixProducts.UseManaged();
        var dense = new Affine(w, b);
        var yDense = dense.Forward(x);
        var dxDense = dense.Backward(dout);
        MatrixProducts.UseFastest();
        var sparse = new Affine(w, b);
        var ySparse = sparse.Forward(xSparse);
        var dxSparse = sparse.Backward(dout);

        ProductAgreement.AssertAgree(ySparse, yDense, "Affine forward x·W + b");
        ProductAgreement.AssertAgree(sparse.dW, dense.dW, "Affine backward dW = xᵀ·dout");
        ProductAgreement.AssertAgree(sparse.db, dense.db, "Affine backward db");
        ProductAgreement.AssertAgree(dxSparse, dxDense, "Affine backward dx = dout·Wᵀ");
    }

    [Fact]
    public void A_full_training_step_agrees_with_the_dense_step_on_the_managed_provider()
    {
        var indices = Enumerable.Range(0, 100).Select(i => i * 601 % 60000).ToArray();
        var t = mnist.Data.Train.LabelsAt(indices);

        MatrixProducts.UseManaged();
        var dense = new TwoLayerNet(784, 50, 10, seed: 21);
        var denseGrads = dense.Gradient(mnist.Data.Train.Images(indices), t, out var denseLoss);
        new Sgd(0.1).Update(dense.Params, denseGrads);
        MatrixProducts.UseFastest();
        var sparse = new TwoLayerNet(784, 50, 10, seed: 21);
        var sparseGrads = sparse.Gradient(mnist.Data.Train.SparseImages(indices), t, out var sparseLoss);
        new Sgd(0.1).Update(sparse.Params, sparseGrads);

        Assert.Equal(denseLoss, sparseLoss, 1e-12);
        foreach (var key in dense.Params.Keys)
        {
            ProductAgreement.AssertAgree(sparse.Params[key], dense.Params[key], $"{key} after one SGD step");
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<Matrix<double>>
    {
        public bool Equals(Matrix<double>? x, Matrix<double>? y) => ProductAgreement.RelativeDifference(x!, y!) <= tolerance;

        public int GetHashCode(Matrix<double> obj) => 0;
    }

    private static double MultiplyAdd(double a, double b, double c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    [Theory]
    [InlineData(100, 784, 50, true)]    // split in two halves of columns: 26 on this core, 24 on the second
    [InlineData(100, 784, 100, true)]   // halves of 48 and 52 columns: 12 and 13 vectors
    [InlineData(60, 200, 7, true)]      // one pass, no split
    [InlineData(100, 784, 50, false)]   // the same with the AVX2 kernels (vectors of 4) where AVX-512 is used by default
    [InlineData(100, 784, 100, false)]
    [InlineData(60, 200, 7, false)]
    public void Products_are_exactly_the_sums_of_their_terms_in_order_whichever_core_computed_them(int m, int k, int n, bool vector512)
    {
        SparseRowMatrix.UseVector512 = vector512 && Vector512Kernels;
        var dense = Sparse(m, k, 0.19, seed: 11);
        var sparse = SparseRowMatrix.Of(dense);
        var w = Random(k, n, seed: 12);
        var dout = Random(m, n, seed: 13);

        // each entry is a chain of fused multiply-adds over the non-zeros, in increasing order of the index
        // summed over — what every vector lane computes, on either core
        var expected = Matrix<double>.Build.Dense(m, n, (i, j) =>
        {
            var s = 0.0;
            for (var p = 0; p < k; p++)
            {
                s = dense[i, p] != 0 ? MultiplyAdd(dense[i, p], w[p, j], s) : s;
            }
            return s;
        });
        var expectedGradient = Matrix<double>.Build.Dense(k, n, (p, j) =>
        {
            var s = 0.0;
            for (var i = 0; i < m; i++)
            {
                s = dense[i, p] != 0 ? MultiplyAdd(dense[i, p], dout[i, j], s) : s;
            }
            return s;
        });

        for (var run = 0; run < 20; run++)   // sometimes a helper takes a part, sometimes the caller does it
        {
            Assert.Equal(expected.ToColumnMajorArray(), (sparse * w).ToColumnMajorArray());
            Assert.Equal(expectedGradient.ToColumnMajorArray(), sparse.TransposeThisAndMultiply(dout).ToColumnMajorArray());
        }
    }

    [Fact]
    public void Kept_rows_of_W_are_reused_only_until_forgotten()
    {
        var x = SparseRowMatrix.Of(Sparse(100, 784, 0.19, seed: 21));
        var w = Random(784, 50, seed: 22);
        var fresh = (x * w).ToColumnMajorArray();
        x.KeepRowsOfW = true;

        Assert.Equal(fresh, (x * w).ToColumnMajorArray());
        Assert.Equal(fresh, (x * w).ToColumnMajorArray());   // W's rows from the product before

        w[400, 7] += 1.0;                                   // broken promise: W changed, rows kept
        var stale = (x * w).ToColumnMajorArray();
        Assert.Equal(fresh, stale);

        x.ForgetKeptRows();
        var changed = x * w;
        Assert.NotEqual(fresh, changed.ToColumnMajorArray());
        ProductAgreement.AssertAgree(changed, Matrix<double>.Build.DenseOfMatrix(x) * w, "x·W after W changed and the kept rows were forgotten");

        // a product with another W, or xᵀ·B (which uses the same scratch), also starts afresh
        var other = Random(784, 50, seed: 23);
        ProductAgreement.AssertAgree(x * other, Matrix<double>.Build.DenseOfMatrix(x) * other, "x·W with another W");
        x.TransposeThisAndMultiply(Random(100, 50, seed: 24));
        ProductAgreement.AssertAgree(x * other, Matrix<double>.Build.DenseOfMatrix(x) * other, "x·W after xᵀ·B");
    }
}
