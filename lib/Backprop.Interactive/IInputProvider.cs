namespace Backprop.Interactive;

/// <summary>
/// Reads a line of input from the frontend for a running cell (<c>Console.ReadLine()</c>): the Jupyter
/// kernel sends an input_request on the stdin channel and waits for the input_reply.
/// </summary>
public interface IInputProvider
{
    /// <summary>Asks the frontend for one line; <paramref name="cancellationToken"/> is the cell's interrupt.</summary>
    Task<string> ReadLineAsync(string prompt, bool password, CancellationToken cancellationToken);
}
