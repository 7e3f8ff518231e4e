using Backprop.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>A fact that needs a native BLAS: skipped with a message when none is installed, failed instead under CI=true.</summary>
public sealed class RequiresBlasFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no BLAS library can be loaded and CI is not set.</summary>
    public RequiresBlasFactAttribute()
    {
        if (!BlasAvailability.IsInstalled && !BlasAvailability.IsCi)
        {
            Skip = $"no BLAS library found ({BlasAvailability.Reason}); install OpenBLAS (apt-get install libopenblas0-pthread) to test the fast path";
        }
    }
}
