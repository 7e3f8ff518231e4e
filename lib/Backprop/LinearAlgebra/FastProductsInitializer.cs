using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Backprop.LinearAlgebra;

/// <summary>Switches MathNet to the fastest matrix products as soon as Backprop.dll is loaded.</summary>
internal static class FastProductsInitializer
{
    /// <summary>Runs once, when the module loads: the command, the kernel and notebooks all get the same products.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Every host of the library (command, kernel, notebooks) must train at the same speed without a setup call; BACKPROP_BLAS=managed opts out.")]
    internal static void Initialize() => MatrixProducts.UseFastest();
}
