namespace Backprop.Interactive;

/// <summary>
/// Where a running cell's outputs go. The Jupyter kernel turns these into iopub messages;
/// the headless runner into .ipynb outputs. Implementations are thread-safe: training
/// callbacks may publish from any thread.
/// </summary>
public interface IOutputPublisher
{
    /// <summary>Text on "stdout" or "stderr".</summary>
    void Stream(string name, string text);

    /// <summary>A display_data output; <paramref name="displayId"/> is set when it can be updated later.</summary>
    void Display(MimeBundle bundle, string? displayId);

    /// <summary>Replaces the display with this id wherever it is shown (update_display_data).</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>Clears the cell's outputs, now or (with <paramref name="wait"/>) when the next output arrives.</summary>
    void ClearOutput(bool wait);
}
