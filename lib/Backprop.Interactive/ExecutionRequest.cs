namespace Backprop.Interactive;

/// <summary>
/// One execute request: the cell's code and the frontend's flags. <paramref name="Input"/> answers
/// <c>Console.ReadLine()</c>; null (nbconvert, the headless runner) makes it fail at once.
/// </summary>
public sealed record ExecutionRequest(string Code, bool Silent = false, bool StoreHistory = true, IInputProvider? Input = null);
