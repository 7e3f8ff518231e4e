using System.Text.Json.Nodes;
using System.Threading.Channels;
using Backprop.Interactive;
using NetMQ;

namespace Backprop.Jupyter;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) that serves one <see cref="IInterpreter"/>: shell and
/// control requests are each handled in order on their own loop, so an interrupt or shutdown on
/// control reaches a cell that is still running; outputs go out on iopub between status busy and idle.
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private readonly IInterpreter _interpreter;
    private readonly TextWriter _log;
    private readonly WireFormat _wire;
    private readonly KernelSockets _sockets;
    private readonly Heartbeat _heartbeat;
    private readonly KernelOutbox _outbox;
    private readonly RequestHandlers _handlers;
    private readonly StdinChannel _stdin;
    private readonly Channel<JupyterMessage> _shellQueue = Channel.CreateUnbounded<JupyterMessage>();
    private readonly Channel<JupyterMessage> _controlQueue = Channel.CreateUnbounded<JupyterMessage>();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<bool> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loops = Task.CompletedTask;
    private int _disposed;

    /// <summary>
    /// Binds the kernel's sockets as <paramref name="connection"/> says (ports of 0 get free ports:
    /// see <see cref="Connection"/>). Problems are logged to <paramref name="log"/>.
    /// </summary>
    public JupyterKernel(ConnectionInfo connection, IInterpreter interpreter, TextWriter log)
    {
        _interpreter = interpreter;
        _log = log;
        _wire = new WireFormat(new MessageSigner(connection.Key));
        _heartbeat = new Heartbeat(connection);
        try
        {
            _sockets = new KernelSockets(connection, Received);
        }
        catch
        {
            _heartbeat.Dispose();
            throw;
        }
        Connection = _sockets.Bound with { HeartbeatPort = _heartbeat.Port };
        _outbox = new KernelOutbox(_sockets, _wire, Guid.NewGuid().ToString());
        _stdin = new StdinChannel(_outbox, log);
        _handlers = new RequestHandlers(interpreter, _outbox, log, _lifetime.Token) { Stdin = _stdin };
    }

    /// <summary>The connection with the ports actually bound.</summary>
    public ConnectionInfo Connection { get; }

    /// <summary>Shell requests received and not yet being handled.</summary>
    internal int PendingShellRequests => _shellQueue.Reader.Count;

    /// <summary>Completes when a shutdown_request has been answered; its value is the request's restart flag.</summary>
    public Task<bool> Shutdown => _shutdown.Task;

    /// <summary>Starts serving: warms the interpreter up, starts the heartbeat, the sockets and the request loops.</summary>
    public void Start()
    {
        _interpreter.WarmUp(editorServices: true);
        _heartbeat.Start();
        _sockets.Start();
        _outbox.Status("starting", null);
        _loops = Task.WhenAll(
            Task.Run(() => ServeAsync(KernelChannel.Shell, _shellQueue.Reader)),
            Task.Run(() => ServeAsync(KernelChannel.Control, _controlQueue.Reader)));
    }

    /// <summary>Starts the kernel and waits for a shutdown request (or <paramref name="cancellationToken"/>).</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Start();
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() => cancelled.TrySetResult(false));
        return await await Task.WhenAny(Shutdown, cancelled.Task).ConfigureAwait(false);
    }

    /// <summary>Stops the loops, sends what is still queued, and closes the sockets; the interpreter is not disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _handlers.InterruptRunningCell();
        _lifetime.Cancel();
        _shellQueue.Writer.TryComplete();
        _controlQueue.Writer.TryComplete();
        try
        {
            _loops.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        _sockets.Dispose();
        _heartbeat.Dispose();
        _lifetime.Dispose();
    }

    private void Received(KernelChannel channel, NetMQMessage frames)
    {
        if (!_wire.TryDecode(frames, out var message, out var problem))
        {
            _log.WriteLine($"kernel: ignored a message on {channel.ToString().ToLowerInvariant()}: {problem}");
            return;
        }
        switch (channel)
        {
            case KernelChannel.Shell:
                _shellQueue.Writer.TryWrite(message!);
                break;
            case KernelChannel.Control:
                _controlQueue.Writer.TryWrite(message!);
                break;
            default:
                _stdin.Received(message!);
                break;
        }
    }

    private async Task ServeAsync(KernelChannel channel, ChannelReader<JupyterMessage> queue)
    {
        try
        {
            await foreach (var request in queue.ReadAllAsync(_lifetime.Token).ConfigureAwait(false))
            {
                try
                {
                    await _handlers.HandleAsync(channel, request, () => queue.Count == 0).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
                {
                    _log.WriteLine($"kernel: {request.MsgType} on {channel.ToString().ToLowerInvariant()} failed: {e.Message}");
                }
                if (_handlers.ShutdownRequested is { } restart)
                {
                    _shutdown.TrySetResult(restart);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
    }
}
