using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Backprop.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Puts the engine (Backprop.Engine) under MathNet as soon as Backprop.dll is loaded: its linear-algebra
/// provider does every matrix product of the process, so that <c>x * W</c> in the book's code is fast.
/// </summary>
internal static class EngineInitializer
{
    /// <summary>Runs once, when the module loads: the command, the kernel and notebooks all get the same products.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Every host of the library (command, kernel, notebooks) must train at the same speed without a setup call; BACKPROP_BLAS=managed opts out.")]
    internal static void Initialize() => MatrixProducts.UseFastest();
}
