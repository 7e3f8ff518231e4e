using System.Text;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter;

/// <summary>Builds, signs and queues the kernel's outgoing messages: replies to requests and iopub broadcasts.</summary>
internal sealed class KernelOutbox
{
    private readonly KernelSockets _sockets;
    private readonly WireFormat _wire;
    private readonly string _topicPrefix;

    /// <summary>Creates the outbox of one kernel session.</summary>
    public KernelOutbox(KernelSockets sockets, WireFormat wire, string session)
    {
        _sockets = sockets;
        _wire = wire;
        Session = session;
        _topicPrefix = $"kernel.{session}.";
    }

    /// <summary>The kernel's session id, in the header of every message it sends.</summary>
    public string Session { get; }

    /// <summary>Sends a reply to <paramref name="request"/> back to the frontend that sent it.</summary>
    public void Reply(KernelChannel channel, JupyterMessage request, string msgType, JsonObject content, JsonObject? metadata = null)
    {
        var reply = JupyterMessage.Create(msgType, content, request.Header, Session, request.Identities, metadata);
        _sockets.Send(channel, _wire.Encode(reply));
    }

    /// <summary>Broadcasts a message on iopub on behalf of <paramref name="parentHeader"/> (null for none).</summary>
    public void Publish(string msgType, JsonObject content, JsonObject? parentHeader)
    {
        var topic = Encoding.UTF8.GetBytes(_topicPrefix + msgType);
        var message = JupyterMessage.Create(msgType, content, parentHeader, Session, [topic]);
        _sockets.Send(KernelChannel.Iopub, _wire.Encode(message));
    }

    /// <summary>Broadcasts the kernel's execution state: "starting", "busy" or "idle".</summary>
    public void Status(string executionState, JsonObject? parentHeader) =>
        Publish("status", new JsonObject { ["execution_state"] = executionState }, parentHeader);
}
