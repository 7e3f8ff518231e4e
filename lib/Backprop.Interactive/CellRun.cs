namespace Backprop.Interactive;

/// <summary>Whether a cell's run finished, or was given up after an interrupt (then its state is not kept). Guarded by the interpreter's lock.</summary>
internal sealed class CellRun
{
    public bool Finished { get; set; }

    public bool Abandoned { get; set; }
}
