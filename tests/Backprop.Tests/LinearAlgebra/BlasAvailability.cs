using Backprop.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>Whether this machine has a BLAS the fast path can load, and whether we run under CI.</summary>
internal static class BlasAvailability
{
    private static readonly Lazy<(NativeBlas? Blas, string Reason)> Loaded = new(() =>
    {
        var blas = NativeBlas.TryLoad(NativeBlas.Candidates(), out var reason);
        return (blas, reason);
    });

    public static NativeBlas? Blas => Loaded.Value.Blas;

    public static bool IsInstalled => Blas is not null;

    public static string Reason => Loaded.Value.Reason;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
