using System.Collections.Concurrent;
using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

/// <summary>An output publisher that records every call, in order.</summary>
internal sealed class RecordingPublisher : IOutputPublisher
{
    private readonly ConcurrentQueue<PublishedOutput> _outputs = new();

    /// <summary>Called on every stream write (used to interrupt a cell once it has started).</summary>
    public Action<string, string>? OnStream { get; init; }

    public IReadOnlyList<PublishedOutput> Outputs => _outputs.ToList();

    public string StreamText(string name) =>
        string.Concat(Outputs.Where(o => o.Kind == "stream" && o.Name == name).Select(o => o.Text));

    public void Stream(string name, string text)
    {
        _outputs.Enqueue(new PublishedOutput("stream", name, text, null, null));
        OnStream?.Invoke(name, text);
    }

    public void Display(MimeBundle bundle, string? displayId) =>
        _outputs.Enqueue(new PublishedOutput("display", null, null, bundle, displayId));

    public void UpdateDisplay(MimeBundle bundle, string displayId) =>
        _outputs.Enqueue(new PublishedOutput("update", null, null, bundle, displayId));

    public void ClearOutput(bool wait) =>
        _outputs.Enqueue(new PublishedOutput("clear", wait ? "wait" : "now", null, null, null));
}

/// <summary>One recorded publisher call.</summary>
internal sealed record PublishedOutput(string Kind, string? Name, string? Text, MimeBundle? Bundle, string? DisplayId);
