namespace Backprop.Interactive.Tests;

/// <summary>A gate cells can wait on without looking at their CancellationToken (a cell that cannot be interrupted).</summary>
public static class CellGate
{
    /// <summary>Set by the test once it no longer needs the cell blocked.</summary>
    public static ManualResetEventSlim Release { get; } = new(false);

    /// <summary>The same for the test of code that never stops (a gate of its own: tests of other classes run at the same time).</summary>
    public static ManualResetEventSlim ThirdParty { get; } = new(false);
}
