namespace Backprop.Interactive;

/// <summary>What happened to an executed cell.</summary>
public enum ExecutionStatus
{
    /// <summary>The cell ran to the end.</summary>
    Ok,
    /// <summary>The cell failed to compile or threw; see <see cref="ExecutionOutcome.Error"/>.</summary>
    Error,
    /// <summary>The cell was interrupted through its cancellation token.</summary>
    Aborted,
}
