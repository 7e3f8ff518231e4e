using Backprop.Engine;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Backprop.LinearAlgebra;

/// <summary>
/// Chooses how MathNet multiplies matrices in this process: a BLAS found at run time (OpenBLAS on
/// Linux and Windows, Accelerate on macOS), or without one MathNet's managed provider plus a kernel
/// that skips the zeros of mostly-zero inputs (MNIST images). Layer code is unchanged either way (<c>x * W</c>).
/// </summary>
public static class MatrixProducts
{
    /// <summary>The environment variable that chooses the provider: <c>managed</c>, or a BLAS library name or path to try first.</summary>
    public const string EnvironmentVariable = "BACKPROP_BLAS";

    private static readonly object Gate = new();
    private static NativeBlas? _blas;
    private static string? _blasFailure;
    private static bool _noticeWritten;

    /// <summary>A short description of the provider in use, e.g. <c>BLAS (libopenblas.so.0)</c> or <c>Managed, zero-skipping</c>.</summary>
    public static string Description => Describe(LinearAlgebraControl.Provider);

    /// <summary>Whether matrix products currently go through a native BLAS.</summary>
    public static bool IsNative => LinearAlgebraControl.Provider is FastLinearAlgebraProvider { Blas: not null };

    /// <summary>
    /// Uses the fastest provider available (idempotent and thread-safe); with no BLAS on the machine it
    /// falls back to the managed provider and says so in one line on standard error, once per process.
    /// <c>BACKPROP_BLAS=managed</c> forces the managed provider.
    /// </summary>
    public static void UseFastest() => UseFastest(skipZeros: null);

    /// <summary>
    /// Uses the BLAS (when found); <paramref name="skipZeros"/> chooses whether products with a mostly-zero
    /// left operand skip the zeros (null: only without a BLAS, where it is several times faster than the
    /// managed provider; with OpenBLAS, dense dgemm measured faster on every chapter shape).
    /// </summary>
    internal static void UseFastest(bool? skipZeros)
    {
        var setting = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim() ?? string.Empty;
        if (setting.Equals("managed", StringComparison.OrdinalIgnoreCase))
        {
            UseManaged();
            return;
        }

        lock (Gate)
        {
            var blas = LoadBlas(setting);
            var skip = (skipZeros ?? blas is null) && SparseProducts.IsSupported;
            if (LinearAlgebraControl.Provider is FastLinearAlgebraProvider current && current.SkipsZeros == skip)
            {
                return;
            }

            if (blas is null && !_noticeWritten)
            {
                _noticeWritten = true;
                Console.Error.WriteLine(FallbackNotice(_blasFailure ?? "none tried"));
            }

            LinearAlgebraControl.Provider = new FastLinearAlgebraProvider(ManagedLinearAlgebraProvider.Instance, blas, skip);
        }
    }

    /// <summary>Uses MathNet's managed provider alone (the reference the fast path is tested against).</summary>
    public static void UseManaged()
    {
        lock (Gate)
        {
            LinearAlgebraControl.Provider = ManagedLinearAlgebraProvider.Instance;
        }
    }

    /// <summary>The one line written to standard error when no BLAS is found.</summary>
    internal static string FallbackNotice(string reason) =>
        $"Backprop: no BLAS library found ({reason}); matrix products use the managed provider (slower). Install OpenBLAS (Debian/Ubuntu: apt-get install libopenblas0) to speed them up.";

    private static NativeBlas? LoadBlas(string preferred)
    {
        if (_blas is not null || _blasFailure is not null)
        {
            return _blas;
        }

        var candidates = NativeBlas.Candidates();
        if (preferred.Length > 0)
        {
            candidates = [preferred, .. candidates];
        }

        _blas = NativeBlas.TryLoad(candidates, out var reason);
        _blasFailure = _blas is null ? reason : null;
        return _blas;
    }

    private static string Describe(ILinearAlgebraProvider provider) => provider switch
    {
        FastLinearAlgebraProvider { Blas: { } blas } fast => $"BLAS ({blas.Name}){(fast.SkipsZeros ? ", zero-skipping" : string.Empty)}",
        FastLinearAlgebraProvider fast => $"Managed{(fast.SkipsZeros ? ", zero-skipping" : string.Empty)}",
        ManagedLinearAlgebraProvider => "Managed (MathNet)",
        _ => provider.ToString() ?? provider.GetType().Name,
    };
}
