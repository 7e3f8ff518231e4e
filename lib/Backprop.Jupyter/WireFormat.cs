using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace Backprop.Jupyter;

/// <summary>
/// The ZeroMQ framing of a Jupyter message: identities, the <c>&lt;IDS|MSG&gt;</c> delimiter,
/// the signature, header, parent header, metadata, content, then any binary buffers.
/// </summary>
public sealed class WireFormat
{
    /// <summary>The frame that separates routing identities from the message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MessageSigner _signer;

    /// <summary>Creates the framing for messages signed with <paramref name="signer"/>.</summary>
    public WireFormat(MessageSigner signer)
    {
        _signer = signer;
    }

    /// <summary>Frames and signs a message.</summary>
    public NetMQMessage Encode(JupyterMessage message)
    {
        var header = Serialize(message.Header);
        var parent = Serialize(message.ParentHeader);
        var metadata = Serialize(message.Metadata);
        var content = Serialize(message.Content);
        var frames = new NetMQMessage();
        foreach (var identity in message.Identities)
        {
            frames.Append(identity);
        }
        frames.Append(Delimiter);
        frames.Append(_signer.Sign(header, parent, metadata, content));
        frames.Append(header);
        frames.Append(parent);
        frames.Append(metadata);
        frames.Append(content);
        foreach (var buffer in message.Buffers)
        {
            frames.Append(buffer);
        }
        return frames;
    }

    /// <summary>
    /// Unframes a message and checks its signature. Returns false with a reason when the framing,
    /// the JSON or the signature is wrong; such a message must not be acted on.
    /// </summary>
    public bool TryDecode(NetMQMessage frames, out JupyterMessage? message, out string problem)
    {
        message = null;
        var delimiterIndex = -1;
        for (var i = 0; i < frames.FrameCount; i++)
        {
            if (frames[i].BufferSize == Delimiter.Length && frames[i].ToByteArray().AsSpan().SequenceEqual(Delimiter))
            {
                delimiterIndex = i;
                break;
            }
        }
        if (delimiterIndex < 0)
        {
            problem = "no <IDS|MSG> delimiter frame";
            return false;
        }
        if (frames.FrameCount < delimiterIndex + 6)
        {
            problem = $"{frames.FrameCount - delimiterIndex - 1} frames after the delimiter, expected at least 5";
            return false;
        }
        var signature = frames[delimiterIndex + 1].ToByteArray();
        var header = frames[delimiterIndex + 2].ToByteArray();
        var parent = frames[delimiterIndex + 3].ToByteArray();
        var metadata = frames[delimiterIndex + 4].ToByteArray();
        var content = frames[delimiterIndex + 5].ToByteArray();
        if (!_signer.Verify(signature, header, parent, metadata, content))
        {
            problem = "bad signature";
            return false;
        }
        try
        {
            message = new JupyterMessage(
                [.. Enumerable.Range(0, delimiterIndex).Select(i => frames[i].ToByteArray())],
                ParseObject(header, "header"),
                ParseObject(parent, "parent_header"),
                ParseObject(metadata, "metadata"),
                ParseObject(content, "content"),
                [.. Enumerable.Range(delimiterIndex + 6, frames.FrameCount - delimiterIndex - 6).Select(i => frames[i].ToByteArray())]);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            problem = e.Message;
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>Compact UTF-8 JSON as it goes on the wire.</summary>
    public static byte[] Serialize(JsonObject value) => Encoding.UTF8.GetBytes(value.ToJsonString(s_json));

    private static JsonObject ParseObject(byte[] frame, string name)
    {
        var node = JsonNode.Parse(frame);
        return node as JsonObject ?? throw new InvalidDataException($"{name} is not a JSON object");
    }
}
