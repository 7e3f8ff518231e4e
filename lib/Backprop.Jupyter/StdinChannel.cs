using System.Text.Json.Nodes;
using Backprop.Interactive;

namespace Backprop.Jupyter;

/// <summary>
/// The stdin channel: a cell's <c>Console.ReadLine()</c> becomes an input_request to the frontend that sent
/// the execute_request (when it said <c>allow_stdin: true</c>), answered by its input_reply. One request is
/// pending at a time; an interrupt cancels it.
/// </summary>
internal sealed class StdinChannel
{
    private readonly KernelOutbox _outbox;
    private readonly TextWriter _log;
    private readonly Lock _gate = new();
    private TaskCompletionSource<string>? _pending;

    /// <summary>Creates the stdin side of one kernel.</summary>
    public StdinChannel(KernelOutbox outbox, TextWriter log)
    {
        _outbox = outbox;
        _log = log;
    }

    /// <summary>Input for the cell run by <paramref name="executeRequest"/>; null when its frontend does not allow stdin.</summary>
    public IInputProvider? For(JupyterMessage executeRequest) =>
        executeRequest.Content["allow_stdin"] is JsonValue allow && allow.TryGetValue<bool>(out var allowed) && allowed
            ? new Frontend(this, executeRequest)
            : null;

    /// <summary>A message that arrived on the stdin socket: an input_reply completes the pending request.</summary>
    public void Received(JupyterMessage message)
    {
        if (message.MsgType != "input_reply")
        {
            _log.WriteLine($"kernel: ignored {message.MsgType} on stdin");
            return;
        }

        TaskCompletionSource<string>? pending;
        lock (_gate)
        {
            pending = _pending;
            _pending = null;
        }

        if (pending is null)
        {
            _log.WriteLine("kernel: ignored an input_reply that no cell was waiting for");
            return;
        }

        pending.TrySetResult(message.Content["value"]?.GetValue<string>() ?? "");
    }

    private async Task<string> RequestAsync(JupyterMessage executeRequest, string prompt, bool password, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending?.TrySetCanceled();
            _pending = pending;
        }

        await using var cancel = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (_pending == pending)
                {
                    _pending = null;
                }
            }
            pending.TrySetCanceled(cancellationToken);
        });
        _outbox.Reply(KernelChannel.Stdin, executeRequest, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password });
        return await pending.Task.ConfigureAwait(false);
    }

    private sealed class Frontend(StdinChannel channel, JupyterMessage executeRequest) : IInputProvider
    {
        public Task<string> ReadLineAsync(string prompt, bool password, CancellationToken cancellationToken) =>
            channel.RequestAsync(executeRequest, prompt, password, cancellationToken);
    }
}
