using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

/// <summary>`backprop kernel run` with the real C# interpreter, driven over its sockets (no Python needed).</summary>
public sealed class KernelRunCommandTests
{
    [Fact]
    public async Task Kernel_run_executes_csharp_survives_an_interrupt_and_exits_0_on_shutdown()
    {
        using var folder = new TempDirectory();
        var (connection, path) = TestConnectionFile.Write(folder.Path, "kernel-test.json");

        var run = Task.Run(() => CliRun.Of("kernel", "run", "--connection-file", path));
        using var client = new TestKernelClient(connection);
        client.WaitUntilReady();

        var (_, defined) = client.Execute("var kept = 41; Console.WriteLine(\"defined\");");
        var loop = client.Send(KernelChannel.Shell, "execute_request", new JsonObject
        {
            ["code"] = "Console.WriteLine(\"looping\"); while (true) { CancellationToken.ThrowIfCancellationRequested(); }",
        });
        Assert.Contains(client.IopubUntil(loop, m => m.MsgType == "stream"), m => m.MsgType == "stream");
        client.Send(KernelChannel.Control, "interrupt_request", []);
        var interrupted = client.Reply(KernelChannel.Shell);
        client.IopubUntilIdle(loop);
        var (answer, answerIopub) = client.Execute("kept + 1");
        client.Send(KernelChannel.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        client.Reply(KernelChannel.Control);
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains(defined, m => m.MsgType == "stream" && m.Content["text"]!.GetValue<string>() == "defined\n");
        Assert.Equal("error", interrupted.Content["status"]!.GetValue<string>());
        Assert.Equal("ok", answer.Content["status"]!.GetValue<string>());
        Assert.Equal("42", Assert.Single(answerIopub, m => m.MsgType == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(0, exit.ExitCode);
    }
}
