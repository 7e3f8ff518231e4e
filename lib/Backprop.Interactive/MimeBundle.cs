using System.Text.Json.Nodes;

namespace Backprop.Interactive;

/// <summary>
/// A mime bundle as Jupyter sends it: <c>data</c> maps a mime type to a string (text/plain,
/// text/html, image/png as base64 …) or to a JSON value (application/json,
/// application/vnd.plotly.v1+json); <c>metadata</c> likewise.
/// </summary>
public sealed record MimeBundle(JsonObject Data, JsonObject Metadata)
{
    /// <summary>A bundle with one text/plain entry.</summary>
    public static MimeBundle PlainText(string text) =>
        new(new JsonObject { ["text/plain"] = text }, new JsonObject());
}
