using NetMQ;
using NetMQ.Sockets;

namespace Backprop.Jupyter;

/// <summary>Echoes every heartbeat ping back on its own thread, so a busy kernel still looks alive.</summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly ResponseSocket _socket = new();
    private readonly NetMQPoller _poller;

    /// <summary>Binds the heartbeat port (0 = a free port, see <see cref="Port"/>).</summary>
    public Heartbeat(ConnectionInfo connection)
    {
        _socket.Options.Linger = TimeSpan.Zero;
        if (connection.HeartbeatPort == 0)
        {
            Port = _socket.BindRandomPort($"{connection.Transport}://{connection.IP}");
        }
        else
        {
            _socket.Bind(connection.Address(connection.HeartbeatPort));
            Port = connection.HeartbeatPort;
        }
        _socket.ReceiveReady += (_, e) =>
        {
            NetMQMessage? ping = null;
            while (e.Socket.TryReceiveMultipartMessage(TimeSpan.Zero, ref ping))
            {
                e.Socket.SendMultipartMessage(ping);
                ping = null;
            }
        };
        _poller = new NetMQPoller { _socket };
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary>Starts echoing on a thread of its own.</summary>
    public void Start() => _poller.RunAsync("jupyter-heartbeat");

    /// <summary>Stops echoing and closes the socket.</summary>
    public void Dispose()
    {
        if (_poller.IsRunning)
        {
            _poller.Stop();
        }
        _poller.Dispose();
        _socket.Dispose();
    }
}
