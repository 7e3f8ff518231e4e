using NetMQ;
using NetMQ.Sockets;

namespace Backprop.Jupyter;

/// <summary>
/// The shell, control, stdin and iopub sockets, all owned by one poller thread. Received messages
/// go to a callback on that thread; messages to send are queued from any thread and sent by it.
/// </summary>
internal sealed class KernelSockets : IDisposable
{
    private static readonly TimeSpan s_linger = TimeSpan.FromSeconds(2);

    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly NetMQQueue<(KernelChannel Channel, NetMQMessage Frames)> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly Action<KernelChannel, NetMQMessage> _received;
    private bool _disposed;

    /// <summary>Binds the four sockets; ports of 0 are bound to free ports (see <see cref="Bound"/>).</summary>
    public KernelSockets(ConnectionInfo connection, Action<KernelChannel, NetMQMessage> received)
    {
        _received = received;
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub })
        {
            socket.Options.Linger = s_linger;
        }
        // A PUB socket drops what it cannot queue once a subscriber's pipe holds its high-water mark
        // (1,000 messages by default): a status idle lost that way leaves the frontend busy for ever.
        // No limit, so iopub never drops; cells' printed text is batched and capped (CellStreamBatcher),
        // which keeps what can pile up here small.
        _iopub.Options.SendHighWatermark = 0;
        Bound = connection with
        {
            ShellPort = Bind(_shell, connection, connection.ShellPort),
            ControlPort = Bind(_control, connection, connection.ControlPort),
            StdinPort = Bind(_stdin, connection, connection.StdinPort),
            IopubPort = Bind(_iopub, connection, connection.IopubPort),
        };
        _shell.ReceiveReady += (_, e) => Drain(KernelChannel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Drain(KernelChannel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => Drain(KernelChannel.Stdin, e.Socket);
        _outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
            {
                SocketFor(item.Channel).SendMultipartMessage(item.Frames);
            }
        };
        _poller = new NetMQPoller { _shell, _control, _stdin, _outgoing };
    }

    /// <summary>The connection with the ports actually bound.</summary>
    public ConnectionInfo Bound { get; }

    /// <summary>Starts the poller thread.</summary>
    public void Start() => _poller.RunAsync("jupyter-sockets");

    /// <summary>Queues a framed message for sending on <paramref name="channel"/>; safe from any thread.</summary>
    public void Send(KernelChannel channel, NetMQMessage frames)
    {
        // NetMQQueue's wake-up signal is itself a socket: enqueue from one thread at a time.
        lock (_outgoing)
        {
            if (!_disposed)
            {
                _outgoing.Enqueue((channel, frames));
            }
        }
    }

    /// <summary>Stops the poller, sends what is still queued, and closes the sockets (lingering so nothing queued is lost).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        lock (_outgoing)
        {
            _disposed = true;
        }
        if (_poller.IsRunning)
        {
            _poller.Stop();
        }
        while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
        {
            SocketFor(item.Channel).SendMultipartMessage(item.Frames);
        }
        _poller.Dispose();
        _outgoing.Dispose();
        _shell.Dispose();
        _control.Dispose();
        _stdin.Dispose();
        _iopub.Dispose();
    }

    private static int Bind(NetMQSocket socket, ConnectionInfo connection, int port)
    {
        if (port == 0)
        {
            return socket.BindRandomPort($"{connection.Transport}://{connection.IP}");
        }
        socket.Bind(connection.Address(port));
        return port;
    }

    private void Drain(KernelChannel channel, NetMQSocket socket)
    {
        NetMQMessage? frames = null;
        while (socket.TryReceiveMultipartMessage(TimeSpan.Zero, ref frames))
        {
            _received(channel, frames);
            frames = null;
        }
    }

    private NetMQSocket SocketFor(KernelChannel channel) => channel switch
    {
        KernelChannel.Shell => _shell,
        KernelChannel.Control => _control,
        KernelChannel.Stdin => _stdin,
        _ => _iopub,
    };
}
