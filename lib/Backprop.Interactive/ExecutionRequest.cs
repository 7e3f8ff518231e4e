namespace Backprop.Interactive;

/// <summary>One execute request: the cell's code and the frontend's flags.</summary>
public sealed record ExecutionRequest(string Code, bool Silent = false, bool StoreHistory = true);
