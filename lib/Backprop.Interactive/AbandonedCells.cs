namespace Backprop.Interactive;

/// <summary>
/// Interrupted cells that did not stop (code they called never checks for an interrupt) and still run in
/// the background: every later cell says so on stderr until they end, since they take a core from it.
/// </summary>
internal sealed class AbandonedCells
{
    private readonly List<(int Count, Task Running)> _cells = [];

    /// <summary>What an interrupted cell that did not stop reports.</summary>
    public static string Message(int count) =>
        $"cell [{count}] interrupted, but it is still running: code it called does not stop for interrupts. " +
        "It keeps a core busy until it ends; restart the kernel to stop it (Jupyter: Kernel → Restart; VS Code: Restart). " +
        "The session goes on from the cell before it.";

    public void Add(int count, Task running)
    {
        lock (_cells)
        {
            _cells.Add((count, running));
        }
    }

    /// <summary>A notice for the next cell while any abandoned cell still runs, else null.</summary>
    public string? Notice()
    {
        lock (_cells)
        {
            _cells.RemoveAll(c => c.Running.IsCompleted);
            if (_cells.Count == 0)
            {
                return null;
            }

            var which = string.Join(", ", _cells.Select(c => $"[{c.Count}]"));
            return $"note: interrupted cell {which} is still running in the background and shares the CPU with this cell; restart the kernel to stop it\n";
        }
    }
}
