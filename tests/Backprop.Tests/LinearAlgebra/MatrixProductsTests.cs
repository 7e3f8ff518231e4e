using Backprop.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

[Collection(GlobalProviderCollection.Name)]
public sealed class MatrixProductsTests : IDisposable
{
    private readonly string? _setting = Environment.GetEnvironmentVariable(MatrixProducts.EnvironmentVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(MatrixProducts.EnvironmentVariable, _setting);
        MatrixProducts.UseFastest();
    }

    [Fact]
    public void Loading_the_library_switches_to_the_fast_provider()
    {
        Environment.SetEnvironmentVariable(MatrixProducts.EnvironmentVariable, null);
        MatrixProducts.UseFastest();
        Assert.IsType<FastLinearAlgebraProvider>(LinearAlgebraControl.Provider);
        Assert.Equal(BlasAvailability.IsInstalled, MatrixProducts.IsNative);
        var expected = BlasAvailability.IsInstalled ? $"BLAS ({BlasAvailability.Blas!.Name})" : "Managed, zero-skipping";
        Assert.Equal(expected, MatrixProducts.Description);
    }

    [Fact]
    public void Use_fastest_is_idempotent_and_safe_from_many_threads()
    {
        Environment.SetEnvironmentVariable(MatrixProducts.EnvironmentVariable, null);
        MatrixProducts.UseFastest();
        var first = LinearAlgebraControl.Provider;
        Parallel.For(0, 16, _ => MatrixProducts.UseFastest());
        Assert.Same(first, LinearAlgebraControl.Provider);
    }

    [Fact]
    public void Use_managed_reports_the_managed_provider_and_still_multiplies_correctly()
    {
        MatrixProducts.UseManaged();
        Assert.Equal("Managed (MathNet)", MatrixProducts.Description);
        Assert.False(MatrixProducts.IsNative);
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var y = x * w;
        Assert.Equal(new double[,] { { 4, 5 }, { 10, 11 } }, y.ToArray());
    }

    [Fact]
    public void Environment_variable_managed_forces_the_managed_provider()
    {
        Environment.SetEnvironmentVariable(MatrixProducts.EnvironmentVariable, "managed");
        MatrixProducts.UseFastest();
        Assert.Same(ManagedLinearAlgebraProvider.Instance, LinearAlgebraControl.Provider);
        Assert.Equal("Managed (MathNet)", MatrixProducts.Description);
    }

    [Fact]
    public void A_missing_blas_library_is_reported_with_what_was_tried()
    {
        var blas = NativeBlas.TryLoad(["libdoes-not-exist.so.7"], out var reason);
        Assert.Null(blas);
        Assert.Contains("libdoes-not-exist.so.7 (not found)", reason);
    }

    [Fact]
    public void The_fallback_notice_is_one_line_naming_what_was_tried_and_how_to_fix_it()
    {
        NativeBlas.TryLoad(["libdoes-not-exist.so.7"], out var reason);
        var notice = MatrixProducts.FallbackNotice(reason);
        Assert.DoesNotContain('\n', notice);
        Assert.Contains("libdoes-not-exist.so.7 (not found)", notice);
        Assert.Contains("managed provider", notice);
        Assert.Contains("apt-get install libopenblas0", notice);
    }

    [Fact]
    public void Fast_and_managed_matrix_operators_agree_on_the_chapter_products()
    {
        var random = new Random(5);
        var x = Matrix<double>.Build.Dense(100, 784, ProductAgreement.Random(100 * 784, 0.81, random));
        var w = Matrix<double>.Build.Dense(784, 50, ProductAgreement.Random(784 * 50, 0, random));
        var dout = Matrix<double>.Build.Dense(100, 50, ProductAgreement.Random(100 * 50, 0, random));

        MatrixProducts.UseManaged();
        var (forward, dW, dx) = (x * w, x.TransposeThisAndMultiply(dout), dout.TransposeAndMultiply(w));
        var dxViaTranspose = dout * w.Transpose();

        Environment.SetEnvironmentVariable(MatrixProducts.EnvironmentVariable, null);
        MatrixProducts.UseFastest();
        ProductAgreement.AssertAgree(x * w, forward, "x·W");
        ProductAgreement.AssertAgree(x.TransposeThisAndMultiply(dout), dW, "xᵀ·dout");
        ProductAgreement.AssertAgree(dout.TransposeAndMultiply(w), dx, "dout·Wᵀ");
        ProductAgreement.AssertAgree(dout * w.Transpose(), dxViaTranspose, "dout·Wᵀ (explicit transpose)");
    }
}
