namespace Backprop.Interactive;

/// <summary>A shown output that can be replaced in place: <c>var h = display(x); … h.Update(y);</c></summary>
public sealed class DisplayHandle
{
    private readonly CellContext _context;

    internal DisplayHandle(CellContext context, string displayId)
    {
        _context = context;
        DisplayId = displayId;
    }

    /// <summary>The display_id frontends use to find the output again.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the shown output with <paramref name="value"/> (update_display_data), also from a later cell.</summary>
    public void Update(object? value) => CellContext.Update(_context, value, mimeType: null, DisplayId);

    /// <summary>Replaces the shown output with <paramref name="value"/> formatted only as <paramref name="mimeType"/>.</summary>
    public void Update(object? value, string mimeType) => CellContext.Update(_context, value, mimeType, DisplayId);
}
