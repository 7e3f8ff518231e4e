using Backprop.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

public sealed class FastProductTests
{
    /// <summary>The chapter's products, as (op(a) rows, inner, op(b) columns, transpose a, transpose b, zeros in a).</summary>
    public static TheoryData<int, int, int, bool, bool, double> ChapterShapes => new()
    {
        { 100, 784, 50, false, false, 0.81 },   // x·W1
        { 784, 100, 50, true, false, 0.81 },    // xᵀ·dout
        { 100, 50, 784, false, true, 0.0 },     // dout·W1ᵀ
        { 2000, 784, 50, false, false, 0.81 },  // evaluation x·W1 (a chunk of it)
        { 3, 784, 50, false, false, 0.81 },     // gradient check x·W1
        { 100, 50, 10, false, false, 0.5 },     // h·W2 (ReLU output)
        { 50, 100, 10, true, false, 0.5 },      // hᵀ·dout
        { 100, 10, 50, false, true, 0.0 },      // dout·W2ᵀ
        { 7, 5, 3, true, true, 0.3 },
        { 1, 1, 1, false, false, 0.0 },
        { 64, 0, 9, false, false, 0.0 },
    };

    [Theory]
    [MemberData(nameof(ChapterShapes))]
    public void Zero_skipping_products_agree_with_the_managed_provider(int m, int k, int n, bool ta, bool tb, double zeros)
    {
        var fast = new FastLinearAlgebraProvider(ManagedLinearAlgebraProvider.Instance, blas: null, skipZeros: true);
        AssertAgreesWithManaged(fast, m, k, n, ta, tb, zeros);
    }

    [RequiresBlasFact]
    public void Blas_products_agree_with_the_managed_provider_on_every_chapter_shape()
    {
        Assert.True(BlasAvailability.IsInstalled, $"CI=true but no BLAS library could be loaded: {BlasAvailability.Reason}");
        foreach (var skipZeros in new[] { false, true })
        {
            var fast = new FastLinearAlgebraProvider(ManagedLinearAlgebraProvider.Instance, BlasAvailability.Blas, skipZeros);
            foreach (var row in ChapterShapes)
            {
                AssertAgreesWithManaged(fast, (int)row[0], (int)row[1], (int)row[2], (bool)row[3], (bool)row[4], (double)row[5]);
            }
        }
    }

    [Fact]
    public void Skipping_zeros_keeps_nan_from_zero_times_infinity()
    {
        var fast = new FastLinearAlgebraProvider(ManagedLinearAlgebraProvider.Instance, blas: null, skipZeros: true);
        var random = new Random(3);
        var a = ProductAgreement.Random(100 * 784, 0.9, random);
        var b = ProductAgreement.Random(784 * 50, 0, random);
        a[0] = 0.0;
        b[0] = double.PositiveInfinity;
        var c = new double[100 * 50];
        fast.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, a, 100, 784, b, 784, 50, 0.0, c);
        Assert.True(double.IsNaN(c[0]), $"0·∞ should make c[0,0] NaN as in a dense product, got {c[0]}");
    }

    [Fact]
    public void Mismatched_inner_dimensions_are_reported_with_both_shapes()
    {
        var fast = new FastLinearAlgebraProvider(ManagedLinearAlgebraProvider.Instance, blas: null, skipZeros: true);
        var error = Assert.Throws<ArgumentException>(() => fast.MatrixMultiplyWithUpdate(
            Transpose.DontTranspose, Transpose.DontTranspose, 1.0, new double[6], 2, 3, new double[20], 4, 5, 0.0, new double[10]));
        Assert.Contains("2×3", error.Message);
        Assert.Contains("4×5", error.Message);
    }

    private static void AssertAgreesWithManaged(ILinearAlgebraProvider fast, int m, int k, int n, bool ta, bool tb, double zeros)
    {
        var random = new Random((m * 31) + (k * 7) + n);
        var (rowsA, columnsA) = ta ? (k, m) : (m, k);
        var (rowsB, columnsB) = tb ? (n, k) : (k, n);
        var a = ProductAgreement.Random(rowsA * columnsA, zeros, random);
        var b = ProductAgreement.Random(rowsB * columnsB, 0, random);
        var c0 = ProductAgreement.Random(m * n, 0, random);
        var opA = ta ? Transpose.Transpose : Transpose.DontTranspose;
        var opB = tb ? Transpose.Transpose : Transpose.DontTranspose;
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-0.1, 1.0), (2.5, 0.5) })
        {
            var expected = (double[])c0.Clone();
            var actual = (double[])c0.Clone();
            ManagedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(opA, opB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, expected);
            fast.MatrixMultiplyWithUpdate(opA, opB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, actual);
            var relative = ProductAgreement.RelativeDifference(actual, expected);
            Assert.True(relative <= ProductAgreement.Tolerance,
                $"{fast}: op(a) {m}×{k} · op(b) {k}×{n} (ta={ta}, tb={tb}, alpha={alpha}, beta={beta}) differs by {relative:E2}");
        }

        var plain = new double[m * n];
        var expectedPlain = new double[m * n];
        ManagedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(opA, opB, 1.0, a, rowsA, columnsA, b, rowsB, columnsB, 0.0, expectedPlain);
        if (!ta && !tb)
        {
            fast.MatrixMultiply(a, rowsA, columnsA, b, rowsB, columnsB, plain);
            Assert.True(ProductAgreement.RelativeDifference(plain, expectedPlain) <= ProductAgreement.Tolerance, $"MatrixMultiply {m}×{k}·{k}×{n}");
        }
    }
}
