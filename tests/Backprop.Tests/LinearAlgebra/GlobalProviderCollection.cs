namespace Backprop.Tests.LinearAlgebra;

/// <summary>Tests that switch MathNet's process-wide provider run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalProviderCollection
{
    public const string Name = "MathNet's global provider";
}
