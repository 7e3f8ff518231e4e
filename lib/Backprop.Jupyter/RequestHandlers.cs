using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Backprop.Interactive;

namespace Backprop.Jupyter;

/// <summary>
/// The dispatch table from msg_type to handler, as in ipykernel's kernelbase and xeus: each request
/// is wrapped in status busy/idle on iopub and answered on the channel it came from. Handlers reach
/// the interpreter only through <see cref="IInterpreter"/>.
/// </summary>
internal sealed class RequestHandlers
{
    private readonly IInterpreter _interpreter;
    private readonly KernelOutbox _outbox;
    private readonly TextWriter _log;
    private readonly CancellationToken _lifetime;
    private readonly Dictionary<string, Func<KernelChannel, JupyterMessage, Task>> _table;
    private readonly ConcurrentDictionary<int, string> _outputs = new();
    private readonly Lock _runningLock = new();
    private CancellationTokenSource? _running;
    private volatile bool _aborting;
    private bool? _shutdownRequested;

    /// <summary>Creates the handlers of one kernel.</summary>
    public RequestHandlers(IInterpreter interpreter, KernelOutbox outbox, TextWriter log, CancellationToken lifetime)
    {
        _interpreter = interpreter;
        _outbox = outbox;
        _log = log;
        _lifetime = lifetime;
        _table = new()
        {
            ["kernel_info_request"] = Sync(KernelInfo),
            ["execute_request"] = ExecuteAsync,
            ["complete_request"] = CompleteAsync,
            ["inspect_request"] = InspectAsync,
            ["is_complete_request"] = Sync(IsComplete),
            ["history_request"] = Sync(History),
            ["comm_info_request"] = Sync(CommInfo),
            ["comm_open"] = Sync(CommOpen),
            ["comm_msg"] = Sync((_, _) => { }),
            ["comm_close"] = Sync((_, _) => { }),
            ["shutdown_request"] = Sync(Shutdown),
            ["interrupt_request"] = Sync(Interrupt),
        };
    }

    /// <summary>Where a cell's <c>Console.ReadLine()</c> is sent (input_request) when its frontend allows stdin.</summary>
    public StdinChannel? Stdin { get; init; }

    /// <summary>Set (to the restart flag) once a shutdown_request has been answered.</summary>
    public bool? ShutdownRequested => _shutdownRequested;

    /// <summary>
    /// Handles one request between status busy and status idle. After an error, queued execute
    /// requests are aborted until the shell queue is empty (<paramref name="queueIsEmpty"/>), checked
    /// before idle is published so that a request sent after idle always runs.
    /// </summary>
    public async Task HandleAsync(KernelChannel channel, JupyterMessage request, Func<bool> queueIsEmpty)
    {
        _outbox.Status("busy", request.Header);
        try
        {
            if (_table.TryGetValue(request.MsgType, out var handler))
            {
                await handler(channel, request).ConfigureAwait(false);
            }
            else
            {
                _log.WriteLine($"kernel: unknown message type \"{request.MsgType}\" on {channel.ToString().ToLowerInvariant()}, ignored");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.WriteLine($"kernel: {request.MsgType} failed: {e.Message}");
            if (request.MsgType.EndsWith("_request", StringComparison.Ordinal))
            {
                _outbox.Reply(channel, request, ReplyType(request), ErrorContent(new ErrorInfo(e.GetType().Name, e.Message, [])));
            }
        }
        finally
        {
            if (channel == KernelChannel.Shell && queueIsEmpty())
            {
                _aborting = false;
            }
            _outbox.Status("idle", request.Header);
        }
    }

    /// <summary>Cancels the running cell's token, if a cell is running.</summary>
    public void InterruptRunningCell()
    {
        lock (_runningLock)
        {
            _running?.Cancel();
        }
    }

    private static Func<KernelChannel, JupyterMessage, Task> Sync(Action<KernelChannel, JupyterMessage> handler) =>
        (channel, request) =>
        {
            handler(channel, request);
            return Task.CompletedTask;
        };

    private static string ReplyType(JupyterMessage request) => request.MsgType[..^"_request".Length] + "_reply";

    private void KernelInfo(KernelChannel channel, JupyterMessage request)
    {
        var info = _interpreter.Info;
        _outbox.Reply(channel, request, "kernel_info_reply", new JsonObject
        {
            ["status"] = "ok",
            ["protocol_version"] = JupyterMessage.ProtocolVersion,
            ["implementation"] = info.Implementation,
            ["implementation_version"] = info.ImplementationVersion,
            ["language_info"] = new JsonObject
            {
                ["name"] = info.LanguageName,
                ["version"] = info.LanguageVersion,
                ["mimetype"] = info.MimeType,
                ["file_extension"] = info.FileExtension,
                ["pygments_lexer"] = info.PygmentsLexer,
                ["codemirror_mode"] = info.CodeMirrorMode,
            },
            ["banner"] = info.Banner,
            ["debugger"] = false,
            ["help_links"] = new JsonArray(
                new JsonObject { ["text"] = "C# language reference", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" }),
        });
    }

    private async Task ExecuteAsync(KernelChannel channel, JupyterMessage request)
    {
        var content = request.Content;
        var code = content["code"]?.GetValue<string>() ?? "";
        var silent = content["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (content["store_history"]?.GetValue<bool>() ?? true);
        var stopOnError = content["stop_on_error"]?.GetValue<bool>() ?? true;
        if (_aborting)
        {
            _outbox.Reply(channel, request, "execute_reply", new JsonObject
            {
                ["status"] = "aborted",
                ["execution_count"] = _interpreter.ExecutionCount,
            });
            return;
        }
        if (!silent)
        {
            _outbox.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = _interpreter.ExecutionCount }, request.Header);
        }
        var publisher = new IopubOutputPublisher(_outbox, request.Header);
        var outcome = await RunCellAsync(new ExecutionRequest(code, silent, storeHistory, Stdin?.For(request)), publisher).ConfigureAwait(false);
        if (outcome.Status == ExecutionStatus.Ok)
        {
            if (outcome.Result is { } result)
            {
                if (storeHistory && result.Data["text/plain"] is JsonValue text && text.TryGetValue<string>(out var plain))
                {
                    _outputs[outcome.ExecutionCount] = plain;
                }
                if (!silent)
                {
                    _outbox.Publish("execute_result", new JsonObject
                    {
                        ["execution_count"] = outcome.ExecutionCount,
                        ["data"] = result.Data.DeepClone(),
                        ["metadata"] = result.Metadata.DeepClone(),
                    }, request.Header);
                }
            }
            var userExpressions = await EvaluateUserExpressionsAsync(content["user_expressions"] as JsonObject).ConfigureAwait(false);
            _outbox.Reply(channel, request, "execute_reply", new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = outcome.ExecutionCount,
                ["payload"] = new JsonArray([.. (outcome.Payload ?? []).Select(p => p.DeepClone())]),
                ["user_expressions"] = userExpressions,
            });
            return;
        }
        var error = outcome.Error ?? (outcome.Status == ExecutionStatus.Aborted
            ? new ErrorInfo("OperationCanceledException", "The cell was interrupted.", [])
            : new ErrorInfo("Error", "The cell failed.", []));
        var errorContent = ErrorContent(error);
        _outbox.Publish("error", (JsonObject)errorContent.DeepClone(), request.Header);
        errorContent["execution_count"] = outcome.ExecutionCount;
        errorContent["payload"] = new JsonArray();
        errorContent["user_expressions"] = new JsonObject();
        _outbox.Reply(channel, request, "execute_reply", errorContent);
        if (stopOnError)
        {
            _aborting = true;
        }
    }

    private async Task<ExecutionOutcome> RunCellAsync(ExecutionRequest cell, IOutputPublisher publisher)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        lock (_runningLock)
        {
            _running = running;
        }
        try
        {
            return await _interpreter.ExecuteAsync(cell, publisher, running.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            return new ExecutionOutcome(ExecutionStatus.Aborted, _interpreter.ExecutionCount, null, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ExecutionOutcome(ExecutionStatus.Error, _interpreter.ExecutionCount, null, new ErrorInfo(e.GetType().Name, e.Message, []));
        }
        finally
        {
            lock (_runningLock)
            {
                _running = null;
            }
        }
    }

    private async Task<JsonObject> EvaluateUserExpressionsAsync(JsonObject? expressions)
    {
        var results = new JsonObject();
        if (expressions is null)
        {
            return results;
        }
        foreach (var (name, node) in expressions)
        {
            var expression = node?.GetValue<string>() ?? "";
            var outcome = await RunCellAsync(new ExecutionRequest(expression, Silent: true, StoreHistory: false), DiscardingPublisher.Instance).ConfigureAwait(false);
            results[name] = outcome.Status == ExecutionStatus.Ok
                ? new JsonObject
                {
                    ["status"] = "ok",
                    ["data"] = outcome.Result?.Data.DeepClone() ?? new JsonObject(),
                    ["metadata"] = outcome.Result?.Metadata.DeepClone() ?? new JsonObject(),
                }
                : ErrorContent(outcome.Error ?? new ErrorInfo("Error", $"{name} could not be evaluated", []));
        }
        return results;
    }

    private async Task CompleteAsync(KernelChannel channel, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var cursor = CursorOf(request, code);
        var outcome = await _interpreter.CompleteAsync(code, cursor, _lifetime).ConfigureAwait(false);
        _outbox.Reply(channel, request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. outcome.Matches.Select(m => (JsonNode)m)]),
            ["cursor_start"] = CodePoints.FromUtf16(code, outcome.CursorStart),
            ["cursor_end"] = CodePoints.FromUtf16(code, outcome.CursorEnd),
            ["metadata"] = outcome.Metadata.DeepClone(),
        });
    }

    private async Task InspectAsync(KernelChannel channel, JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var detail = (int)(request.Content["detail_level"]?.GetValue<double>() ?? 0);
        var outcome = await _interpreter.InspectAsync(code, CursorOf(request, code), detail, _lifetime).ConfigureAwait(false);
        _outbox.Reply(channel, request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok",
            ["found"] = outcome.Found && outcome.Data is not null,
            ["data"] = outcome.Found ? outcome.Data?.Data.DeepClone() ?? new JsonObject() : new JsonObject(),
            ["metadata"] = outcome.Found ? outcome.Data?.Metadata.DeepClone() ?? new JsonObject() : new JsonObject(),
        });
    }

    private static int CursorOf(JupyterMessage request, string code) =>
        request.Content["cursor_pos"] is JsonValue value && value.TryGetValue<double>(out var position)
            ? CodePoints.ToUtf16(code, (int)position)
            : code.Length;

    private void IsComplete(KernelChannel channel, JupyterMessage request)
    {
        var outcome = _interpreter.IsComplete(request.Content["code"]?.GetValue<string>() ?? "");
        var content = new JsonObject { ["status"] = outcome.Status };
        if (outcome.Status == "incomplete")
        {
            content["indent"] = outcome.Indent;
        }
        _outbox.Reply(channel, request, "is_complete_reply", content);
    }

    private void History(KernelChannel channel, JupyterMessage request)
    {
        _outbox.Reply(channel, request, "history_reply", new JsonObject
        {
            ["status"] = "ok",
            ["history"] = HistoryQuery.Answer(request.Content, _interpreter.History, _outputs),
        });
    }

    private void CommInfo(KernelChannel channel, JupyterMessage request)
    {
        _outbox.Reply(channel, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
    }

    private void CommOpen(KernelChannel channel, JupyterMessage request)
    {
        // No comm targets are registered: close the comm so the frontend does not wait on it.
        var commId = request.Content["comm_id"]?.GetValue<string>() ?? "";
        _log.WriteLine($"kernel: comm_open for target \"{request.Content["target_name"]}\" ignored (no comm targets)");
        _outbox.Publish("comm_close", new JsonObject { ["comm_id"] = commId, ["data"] = new JsonObject() }, request.Header);
    }

    private void Shutdown(KernelChannel channel, JupyterMessage request)
    {
        var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
        var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
        _outbox.Reply(channel, request, "shutdown_reply", content);
        _outbox.Publish("shutdown_reply", (JsonObject)content.DeepClone(), request.Header);
        InterruptRunningCell();
        _shutdownRequested = restart;
    }

    private void Interrupt(KernelChannel channel, JupyterMessage request)
    {
        InterruptRunningCell();
        _outbox.Reply(channel, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
    }

    private static JsonObject ErrorContent(ErrorInfo error) => new()
    {
        ["status"] = "error",
        ["ename"] = error.Name,
        ["evalue"] = error.Value,
        ["traceback"] = new JsonArray([.. error.Traceback.Select(line => (JsonNode)line)]),
    };
}
