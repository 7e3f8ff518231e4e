namespace Backprop.LinearAlgebra;

/// <summary>Which implementation multiplies matrices in this process.</summary>
public static class MatrixProducts
{
    /// <summary>A one-line description of the active linear algebra provider.</summary>
    public static string Description => MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider.ToString() ?? "unknown";
}
