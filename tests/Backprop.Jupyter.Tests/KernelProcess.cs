using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;

namespace Backprop.Jupyter.Tests;

/// <summary>
/// `backprop kernel run` with the real C# interpreter in a process of its own (so that its CPU time can be
/// read), and a frontend for it whose shell and stdin sockets share one identity, as jupyter_client's do.
/// </summary>
internal sealed class KernelProcess : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _folder = new();
    private readonly Process _process;
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly DealerSocket _stdin = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly WireFormat _wire;
    private readonly string _session = Guid.NewGuid().ToString();

    public KernelProcess()
    {
        var (connection, path) = TestConnectionFile.Write(_folder.Path, "kernel.json");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"), "kernel", "run", "--connection-file", path })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        _wire = new WireFormat(new MessageSigner(connection.Key));
        var identity = System.Text.Encoding.UTF8.GetBytes(_session);
        _shell.Options.Identity = identity;
        _stdin.Options.Identity = identity;
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub })
        {
            socket.Options.Linger = TimeSpan.Zero;
        }
        _shell.Connect(connection.Address(connection.ShellPort));
        _control.Connect(connection.Address(connection.ControlPort));
        _stdin.Connect(connection.Address(connection.StdinPort));
        _iopub.Connect(connection.Address(connection.IopubPort));
        _iopub.SubscribeToAnyTopic();
        WaitUntilReady();
    }

    public int Pid => _process.Id;

    /// <summary>
    /// The user + system CPU time of each of the kernel's threads (id → name, clock ticks of 10 ms), from /proc
    /// (Linux); null elsewhere. The runtime's tiered-compilation thread is left out: after a cell it re-optimizes
    /// the code that ran hot for a few seconds, at the least priority (see BackgroundCompilerPriority) — work of
    /// the runtime, not a thread of the cell.
    /// </summary>
    private Dictionary<string, (string Name, long Ticks)>? ThreadTicks()
    {
        var tasks = $"/proc/{Pid}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }
        var threads = new Dictionary<string, (string Name, long Ticks)>();
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue;   // the thread ended meanwhile
            }
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            if (name.StartsWith(".NET Tiered Com", StringComparison.Ordinal))
            {
                continue;
            }
            // fields after the name's closing parenthesis: state is field 3, utime 14, stime 15 (clock ticks, 100 per second)
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            threads[Path.GetFileName(task)] = (name, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        return threads;
    }

    /// <summary>The user + system CPU time of the kernel's threads (see <see cref="ThreadTicks"/>); null where /proc is missing.</summary>
    public TimeSpan? CpuTime => ThreadTicks() is { } threads ? TimeSpan.FromSeconds(threads.Values.Sum(t => t.Ticks) / 100.0) : null;

    /// <summary>The share of one core the kernel used over <paramref name="period"/> (1.0 = one core busy); null where /proc is missing.</summary>
    public double? CpuShareOver(TimeSpan period) => CpuUseOver(period)?.Share;

    /// <summary>
    /// The share of one core the kernel used over <paramref name="period"/> (1.0 = one core busy), with the
    /// threads that used it, busiest first ("name 120 ms, …"); null where /proc is missing.
    /// </summary>
    public (double Share, string Threads)? CpuUseOver(TimeSpan period)
    {
        var before = ThreadTicks();
        var clock = Stopwatch.StartNew();
        Thread.Sleep(period);
        var after = ThreadTicks();
        var elapsed = clock.Elapsed;
        if (before is null || after is null)
        {
            return null;
        }
        var used = after
            .Select(t => (t.Value.Name, Ticks: t.Value.Ticks - (before.TryGetValue(t.Key, out var b) ? b.Ticks : 0)))
            .Where(t => t.Ticks > 0)
            .OrderByDescending(t => t.Ticks)
            .ToList();
        // a thread that ended within the period is missing from `after`; its time is lost, never counted twice
        var share = TimeSpan.FromSeconds(used.Sum(t => t.Ticks) / 100.0) / elapsed;
        return (share, used.Count == 0 ? "no thread" : string.Join(", ", used.Take(4).Select(t => $"{t.Name} {t.Ticks * 10} ms")));
    }

    /// <summary>
    /// Waits (up to a minute) until the kernel's start-up work is over — the completion warm-up starts after a
    /// second without a cell and takes seconds of CPU — : under 5% of a core for two seconds in a row.
    /// </summary>
    public void WaitUntilCpuSettles()
    {
        Thread.Sleep(TimeSpan.FromSeconds(1.5));
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        while (clock.Elapsed < s_timeout && quiet < 2)
        {
            quiet = CpuShareOver(TimeSpan.FromSeconds(1)) is > 0.05 ? 0 : quiet + 1;
        }
    }

    public string Send(KernelChannel channel, string msgType, JsonObject content)
    {
        var message = JupyterMessage.Create(msgType, content, null, _session);
        var socket = channel switch { KernelChannel.Control => _control, KernelChannel.Stdin => _stdin, _ => _shell };
        socket.SendMultipartMessage(_wire.Encode(message));
        return message.MsgId;
    }

    public string SendExecute(string code, bool allowStdin = false) =>
        Send(KernelChannel.Shell, "execute_request", new JsonObject
        {
            ["code"] = code,
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = allowStdin,
            ["stop_on_error"] = false,
        });

    /// <summary>The next message on shell, control or stdin.</summary>
    public JupyterMessage Receive(KernelChannel channel)
    {
        NetMQMessage? frames = null;
        var socket = channel switch { KernelChannel.Control => _control, KernelChannel.Stdin => _stdin, _ => _shell };
        if (!socket.TryReceiveMultipartMessage(s_timeout, ref frames))
        {
            throw new TimeoutException($"nothing on {channel} within {s_timeout.TotalSeconds} s");
        }
        return Decode(frames);
    }

    /// <summary>Waits for a stream message of the request <paramref name="msgId"/> that contains <paramref name="text"/>.</summary>
    public void WaitForOutput(string msgId, string text)
    {
        if (!IopubOf(msgId).Any(m => m.MsgType == "stream" && m.Content["text"]!.GetValue<string>().Contains(text, StringComparison.Ordinal)))
        {
            throw new TimeoutException($"\"{text}\" never printed");
        }
    }

    /// <summary>The text request <paramref name="msgId"/> printed on <paramref name="name"/> (stdout or stderr), up to its idle status.</summary>
    public string StreamText(string msgId, string name)
    {
        var text = new System.Text.StringBuilder();
        foreach (var message in IopubOf(msgId))
        {
            if (message.MsgType == "stream" && message.Content["name"]!.GetValue<string>() == name)
            {
                text.Append(message.Content["text"]!.GetValue<string>());
            }
            if (IsIdle(message))
            {
                ExecuteReply(msgId);
                return text.ToString();
            }
        }
        throw new TimeoutException($"{msgId}: no idle");
    }

    /// <summary>Runs a cell to its end (allow_stdin false) and returns its reply.</summary>
    public JupyterMessage Execute(string code) => ExecuteReply(SendExecute(code));

    /// <summary>The execute_reply of <paramref name="msgId"/> (skipping replies of others).</summary>
    public JupyterMessage ExecuteReply(string msgId)
    {
        while (true)
        {
            var reply = Receive(KernelChannel.Shell);
            if (reply.ParentHeader["msg_id"]?.GetValue<string>() == msgId)
            {
                return reply;
            }
        }
    }

    /// <summary>The value (text/plain) of <paramref name="expression"/> in the session.</summary>
    public string? Value(string expression)
    {
        var id = SendExecute(expression);
        string? value = null;
        foreach (var message in IopubOf(id))
        {
            if (message.MsgType == "execute_result")
            {
                value = message.Content["data"]!["text/plain"]!.GetValue<string>();
            }
            if (message.MsgType == "error")
            {
                value = "error: " + message.Content["evalue"]!.GetValue<string>();
            }
            if (IsIdle(message))
            {
                ExecuteReply(id);
                return value;
            }
        }
        throw new TimeoutException($"{expression}: no idle");
    }

    /// <summary>The iopub messages of request <paramref name="msgId"/> as they arrive, for up to the test timeout.</summary>
    private IEnumerable<JupyterMessage> IopubOf(string msgId)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_timeout)
        {
            NetMQMessage? frames = null;
            if (!_iopub.TryReceiveMultipartMessage(TimeSpan.FromSeconds(1), ref frames))
            {
                continue;
            }
            var message = Decode(frames);
            if (message.ParentHeader["msg_id"]?.GetValue<string>() == msgId)
            {
                yield return message;
            }
        }
    }

    private static bool IsIdle(JupyterMessage message)
        => message.MsgType == "status" && message.Content["execution_state"]!.GetValue<string>() == "idle";

    public void Dispose()
    {
        try
        {
            Send(KernelChannel.Control, "shutdown_request", new JsonObject { ["restart"] = false });
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _shell.Dispose();
            _control.Dispose();
            _stdin.Dispose();
            _iopub.Dispose();
            _process.Dispose();
            _folder.Dispose();
        }
    }

    private void WaitUntilReady()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the kernel exited with {_process.ExitCode}");
            }
            var id = Send(KernelChannel.Shell, "kernel_info_request", []);
            NetMQMessage? frames = null;
            if (_shell.TryReceiveMultipartMessage(TimeSpan.FromSeconds(2), ref frames))
            {
                while (_iopub.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(500), ref frames))
                {
                    if (Decode(frames).ParentHeader["msg_id"]?.GetValue<string>() == id)
                    {
                        return;
                    }
                    frames = null;
                }
            }
        }
        throw new TimeoutException("the kernel never answered kernel_info");
    }

    private JupyterMessage Decode(NetMQMessage frames) =>
        _wire.TryDecode(frames, out var message, out var problem) ? message! : throw new InvalidDataException($"the kernel sent a bad message: {problem}");
}
