using System.Text.Json.Nodes;

namespace Backprop.Jupyter;

/// <summary>
/// One Jupyter message: the ZeroMQ routing identities (or the iopub topic), header, parent header,
/// metadata, content and binary buffers.
/// </summary>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The header's msg_type, or "" when absent.</summary>
    public string MsgType => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>The header's msg_id, or "" when absent.</summary>
    public string MsgId => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>Creates a message with a fresh header (msg_id, session, username, date, msg_type, version).</summary>
    public static JupyterMessage Create(
        string msgType,
        JsonObject content,
        JsonObject? parentHeader,
        string session,
        IReadOnlyList<byte[]>? identities = null,
        JsonObject? metadata = null) =>
        new(
            identities ?? [],
            NewHeader(msgType, session),
            (JsonObject?)parentHeader?.DeepClone() ?? [],
            metadata ?? [],
            content,
            []);

    /// <summary>A header as the protocol defines it; the date is ISO 8601 in UTC with its "Z".</summary>
    public static JsonObject NewHeader(string msgType, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["session"] = session,
        ["username"] = Environment.UserName,
        ["date"] = IsoNow(),
        ["msg_type"] = msgType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>The current time as ISO 8601 with microseconds and time zone, e.g. 2026-05-01T12:00:00.123456Z.</summary>
    public static string IsoNow() =>
        DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
