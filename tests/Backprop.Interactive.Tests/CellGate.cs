namespace Backprop.Interactive.Tests;

/// <summary>A gate cells can wait on without looking at their CancellationToken (a cell that cannot be interrupted).</summary>
public static class CellGate
{
    /// <summary>Set by the test once it no longer needs the cell blocked.</summary>
    public static ManualResetEventSlim Release { get; } = new(false);
}
