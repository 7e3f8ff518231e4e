using System.Text.Json.Nodes;
using Backprop.Interactive;

namespace Backprop.Jupyter;

/// <summary>Turns one running cell's outputs into iopub messages whose parent is its execute_request.</summary>
internal sealed class IopubOutputPublisher : IOutputPublisher
{
    private readonly KernelOutbox _outbox;
    private readonly JsonObject _parentHeader;

    /// <summary>Creates the publisher of the request with header <paramref name="parentHeader"/>.</summary>
    public IopubOutputPublisher(KernelOutbox outbox, JsonObject parentHeader)
    {
        _outbox = outbox;
        _parentHeader = parentHeader;
    }

    /// <inheritdoc />
    public void Stream(string name, string text)
    {
        if (text.Length > 0)
        {
            _outbox.Publish("stream", new JsonObject { ["name"] = name, ["text"] = text }, _parentHeader);
        }
    }

    /// <inheritdoc />
    public void Display(MimeBundle bundle, string? displayId) =>
        _outbox.Publish("display_data", Content(bundle, displayId), _parentHeader);

    /// <inheritdoc />
    public void UpdateDisplay(MimeBundle bundle, string displayId) =>
        _outbox.Publish("update_display_data", Content(bundle, displayId), _parentHeader);

    /// <inheritdoc />
    public void ClearOutput(bool wait) =>
        _outbox.Publish("clear_output", new JsonObject { ["wait"] = wait }, _parentHeader);

    private static JsonObject Content(MimeBundle bundle, string? displayId)
    {
        var content = new JsonObject
        {
            ["data"] = bundle.Data.DeepClone(),
            ["metadata"] = bundle.Metadata.DeepClone(),
            ["transient"] = new JsonObject(),
        };
        if (displayId is not null)
        {
            content["transient"] = new JsonObject { ["display_id"] = displayId };
        }
        return content;
    }
}
