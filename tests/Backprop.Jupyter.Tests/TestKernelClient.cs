using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;

namespace Backprop.Jupyter.Tests;

/// <summary>A minimal frontend over real sockets: sends signed requests, reads replies and iopub messages.</summary>
internal sealed class TestKernelClient : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly RequestSocket _heartbeat = new();
    private readonly WireFormat _wire;
    private readonly WireFormat _wrongKey;
    private readonly string _session = Guid.NewGuid().ToString();

    public TestKernelClient(ConnectionInfo connection)
    {
        _wire = new WireFormat(new MessageSigner(connection.Key));
        _wrongKey = new WireFormat(new MessageSigner("not-the-key"));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub, _heartbeat })
        {
            socket.Options.Linger = TimeSpan.Zero;
        }
        _shell.Connect(connection.Address(connection.ShellPort));
        _control.Connect(connection.Address(connection.ControlPort));
        _iopub.Connect(connection.Address(connection.IopubPort));
        _iopub.SubscribeToAnyTopic();
        _heartbeat.Connect(connection.Address(connection.HeartbeatPort));
    }

    /// <summary>Sends kernel_info requests until iopub delivers their status (the subscription is live).</summary>
    public void WaitUntilReady()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var id = Send(KernelChannel.Shell, "kernel_info_request", []);
            Reply(KernelChannel.Shell);
            NetMQMessage? frames = null;
            while (_iopub.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(200), ref frames))
            {
                var message = Decode(frames);
                if (message.ParentHeader["msg_id"]?.GetValue<string>() == id)
                {
                    if (message.Content["execution_state"]?.GetValue<string>() != "idle")
                    {
                        IopubUntilIdle(id);
                    }
                    return;
                }
                frames = null;
            }
        }
        throw new TimeoutException("the kernel's iopub never answered");
    }

    /// <summary>Sends a request and returns its msg_id; with <paramref name="badSignature"/> it is signed with the wrong key.</summary>
    public string Send(KernelChannel channel, string msgType, JsonObject content, bool badSignature = false)
    {
        var message = JupyterMessage.Create(msgType, content, null, _session);
        var frames = (badSignature ? _wrongKey : _wire).Encode(message);
        (channel == KernelChannel.Control ? _control : _shell).SendMultipartMessage(frames);
        return message.MsgId;
    }

    /// <summary>The next reply on shell or control.</summary>
    public JupyterMessage Reply(KernelChannel channel)
    {
        NetMQMessage? frames = null;
        var socket = channel == KernelChannel.Control ? _control : _shell;
        if (!socket.TryReceiveMultipartMessage(s_timeout, ref frames))
        {
            throw new TimeoutException($"no reply on {channel}");
        }
        return Decode(frames);
    }

    /// <summary>The iopub messages whose parent is <paramref name="msgId"/>, from busy up to and including idle.</summary>
    public List<JupyterMessage> IopubUntilIdle(string msgId) =>
        IopubUntil(msgId, m => m.MsgType == "status" && m.Content["execution_state"]?.GetValue<string>() == "idle");

    /// <summary>The iopub messages whose parent is <paramref name="msgId"/>, up to and including the first that <paramref name="last"/> accepts.</summary>
    public List<JupyterMessage> IopubUntil(string msgId, Func<JupyterMessage, bool> last)
    {
        var messages = new List<JupyterMessage>();
        while (true)
        {
            NetMQMessage? frames = null;
            if (!_iopub.TryReceiveMultipartMessage(s_timeout, ref frames))
            {
                throw new TimeoutException($"no awaited message for {msgId}; got {string.Join(", ", messages.Select(m => m.MsgType))}");
            }
            var message = Decode(frames);
            if (message.ParentHeader["msg_id"]?.GetValue<string>() != msgId)
            {
                continue;
            }
            messages.Add(message);
            if (last(message))
            {
                return messages;
            }
        }
    }

    /// <summary>Sends an execute_request and returns its reply and iopub messages.</summary>
    public (JupyterMessage Reply, List<JupyterMessage> Iopub) Execute(string code, bool silent = false, JsonObject? userExpressions = null)
    {
        var id = Send(KernelChannel.Shell, "execute_request", new JsonObject
        {
            ["code"] = code,
            ["silent"] = silent,
            ["store_history"] = !silent,
            ["user_expressions"] = userExpressions ?? [],
            ["allow_stdin"] = false,
            ["stop_on_error"] = true,
        });
        var reply = Reply(KernelChannel.Shell);
        return (reply, IopubUntilIdle(id));
    }

    /// <summary>One heartbeat round trip: the kernel echoes <paramref name="ping"/>.</summary>
    public string Ping(string ping)
    {
        _heartbeat.SendFrame(ping);
        return _heartbeat.TryReceiveFrameString(s_timeout, Encoding.UTF8, out var pong) ? pong : throw new TimeoutException("no heartbeat echo");
    }

    public void Dispose()
    {
        _shell.Dispose();
        _control.Dispose();
        _iopub.Dispose();
        _heartbeat.Dispose();
    }

    private JupyterMessage Decode(NetMQMessage frames) =>
        _wire.TryDecode(frames, out var message, out var problem) ? message! : throw new InvalidDataException($"the kernel sent a bad message: {problem}");
}
