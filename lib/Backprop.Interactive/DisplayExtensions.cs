namespace Backprop.Interactive;

/// <summary><c>x.Display()</c> in a cell: shows <c>x</c> now, as <c>display(x)</c> does.</summary>
public static class DisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> as display_data and returns a handle to update it.</summary>
    public static DisplayHandle Display(this object? value) => CellContext.Active.Display(value, mimeType: null);

    /// <summary>Shows <paramref name="value"/> formatted only as <paramref name="mimeType"/> (plus text/plain).</summary>
    public static DisplayHandle Display(this object? value, string mimeType) => CellContext.Active.Display(value, mimeType);
}
