namespace Backprop.Interactive;

/// <summary>
/// What every cell sees without qualification: the cell's <see cref="CancellationToken"/> (fired by an
/// interrupt), <c>display(x)</c>, <c>ClearOutput()</c>, <c>page(text)</c> and <c>Help(x)</c>.
/// </summary>
public sealed class ScriptGlobals
{
    private readonly Func<CellContext> _context;

    internal ScriptGlobals(Func<CellContext> context) => _context = context;

    /// <summary>The running cell's interrupt: long loops should poll it or pass it on.</summary>
    public CancellationToken CancellationToken => _context().CancellationToken;

    /// <summary>The folder relative <c>#r</c> paths are resolved against (the notebook's folder).</summary>
    public string WorkingDirectory => _context().WorkingDirectory;

    /// <summary>Shows <paramref name="value"/> as display_data and returns a handle whose <c>Update</c> replaces it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Same name as in Jupyter and .NET Interactive.")]
    public DisplayHandle display(object? value) => _context().Display(value, mimeType: null);

    /// <summary>Shows <paramref name="value"/> formatted only as <paramref name="mimeType"/> (plus text/plain).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Same name as in Jupyter and .NET Interactive.")]
    public DisplayHandle display(object? value, string mimeType) => _context().Display(value, mimeType);

    /// <summary>Clears the cell's outputs, now or (with <paramref name="wait"/>) when the next output arrives.</summary>
    public void ClearOutput(bool wait = false) => _context().ClearOutput(wait);

    /// <summary>Sends <paramref name="text"/> to the frontend's pager (an execute_reply "page" payload).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Same name as in IPython.")]
    public void page(string text) => _context().Page(text);

    /// <summary>Pages a short description of <paramref name="value"/>: its type and public members.</summary>
    public void Help(object? value) => _context().Page(HelpText.Describe(value));
}
