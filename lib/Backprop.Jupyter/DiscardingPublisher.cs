using Backprop.Interactive;

namespace Backprop.Jupyter;

/// <summary>Drops every output: user_expressions are evaluated for their value only.</summary>
internal sealed class DiscardingPublisher : IOutputPublisher
{
    /// <summary>The one instance.</summary>
    public static readonly DiscardingPublisher Instance = new();

    /// <inheritdoc />
    public void Stream(string name, string text)
    {
    }

    /// <inheritdoc />
    public void Display(MimeBundle bundle, string? displayId)
    {
    }

    /// <inheritdoc />
    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
    }

    /// <inheritdoc />
    public void ClearOutput(bool wait)
    {
    }
}
