using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

public sealed class KernelProtocolTests
{
    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    [Fact]
    public void Kernel_info_reply_carries_protocol_5_3_and_language_info()
    {
        using var kernel = new RunningKernel();
        kernel.Client.Send(KernelChannel.Shell, "kernel_info_request", []);
        var reply = kernel.Client.Reply(KernelChannel.Shell);

        Assert.Equal("kernel_info_reply", reply.MsgType);
        Assert.Equal("ok", Text(reply.Content["status"]));
        Assert.Equal("5.3", Text(reply.Content["protocol_version"]));
        Assert.Equal("csharp", Text(reply.Content["language_info"]!["name"]));
        Assert.Equal(".cs", Text(reply.Content["language_info"]!["file_extension"]));
        Assert.Equal("text/x-csharp", Text(reply.Content["language_info"]!["mimetype"]));
        Assert.True(kernel.Interpreter.WarmedUp);
    }

    [Fact]
    public void Execute_publishes_busy_input_stream_result_idle_in_order_and_replies_ok()
    {
        using var kernel = new RunningKernel();
        var (_, printed) = kernel.Client.Execute("print:hello, world");
        var (reply, iopub) = kernel.Client.Execute("value:42");

        Assert.Equal(["status", "execute_input", "stream", "status"], printed.Select(m => m.MsgType));
        Assert.Equal("hello, world\n", Text(printed[2].Content["text"]));
        Assert.Equal("stdout", Text(printed[2].Content["name"]));

        Assert.Equal(["status", "execute_input", "execute_result", "status"], iopub.Select(m => m.MsgType));
        Assert.Equal("busy", Text(iopub[0].Content["execution_state"]));
        Assert.Equal("idle", Text(iopub[3].Content["execution_state"]));
        Assert.Equal("value:42", Text(iopub[1].Content["code"]));
        Assert.Equal(2, iopub[1].Content["execution_count"]!.GetValue<int>());
        Assert.Equal("42", Text(iopub[2].Content["data"]!["text/plain"]));
        Assert.Equal(2, iopub[2].Content["execution_count"]!.GetValue<int>());

        Assert.Equal("execute_reply", reply.MsgType);
        Assert.Equal("ok", Text(reply.Content["status"]));
        Assert.Equal(2, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Equal(iopub[0].ParentHeader["msg_id"]!.GetValue<string>(), reply.ParentHeader["msg_id"]!.GetValue<string>());
    }

    [Fact]
    public void Stderr_output_is_a_stream_named_stderr()
    {
        using var kernel = new RunningKernel();
        var (_, iopub) = kernel.Client.Execute("warn:careful");

        var stream = Assert.Single(iopub, m => m.MsgType == "stream");
        Assert.Equal("stderr", Text(stream.Content["name"]));
        Assert.Equal("careful\n", Text(stream.Content["text"]));
    }

    [Fact]
    public void Silent_execute_publishes_neither_input_nor_result()
    {
        using var kernel = new RunningKernel();
        var (reply, iopub) = kernel.Client.Execute("value:7", silent: true);

        Assert.Equal("ok", Text(reply.Content["status"]));
        Assert.Equal(["status", "status"], iopub.Select(m => m.MsgType));
        Assert.Empty(kernel.Interpreter.History);
    }

    [Fact]
    public void Failing_cell_publishes_error_and_replies_error_with_ename_evalue_traceback()
    {
        using var kernel = new RunningKernel();
        var (reply, iopub) = kernel.Client.Execute("throw");

        var error = Assert.Single(iopub, m => m.MsgType == "error");
        Assert.Equal("InvalidOperationException", Text(error.Content["ename"]));
        Assert.Equal("boom", Text(error.Content["evalue"]));
        Assert.Equal("at Submission#0 line 1", Text(error.Content["traceback"]![0]));
        Assert.Equal("error", Text(reply.Content["status"]));
        Assert.Equal("InvalidOperationException", Text(reply.Content["ename"]));
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Execute_requests_queued_behind_an_error_are_aborted_and_later_ones_run()
    {
        using var kernel = new RunningKernel();
        var failing = kernel.Client.Send(KernelChannel.Shell, "execute_request", new JsonObject { ["code"] = "wait", ["stop_on_error"] = true });
        await kernel.Interpreter.WaitStarted.WaitAsync(TimeSpan.FromSeconds(20));
        var queued = kernel.Client.Send(KernelChannel.Shell, "execute_request", new JsonObject { ["code"] = "print:queued" });
        Assert.True(SpinWait.SpinUntil(() => kernel.Kernel.PendingShellRequests == 1, TimeSpan.FromSeconds(20)));
        kernel.Client.Send(KernelChannel.Control, "interrupt_request", []);

        var interrupted = kernel.Client.Reply(KernelChannel.Shell);
        var aborted = kernel.Client.Reply(KernelChannel.Shell);
        kernel.Client.IopubUntilIdle(queued);
        var (afterwards, _) = kernel.Client.Execute("value:1");

        Assert.Equal(failing, Text(interrupted.ParentHeader["msg_id"]));
        Assert.Equal("error", Text(interrupted.Content["status"]));
        Assert.Equal(queued, Text(aborted.ParentHeader["msg_id"]));
        Assert.Equal("aborted", Text(aborted.Content["status"]));
        Assert.DoesNotContain("print:queued", kernel.Interpreter.Executed);
        Assert.Equal("ok", Text(afterwards.Content["status"]));
    }

    [Fact]
    public void Display_and_update_carry_the_same_transient_display_id()
    {
        using var kernel = new RunningKernel();
        var (_, iopub) = kernel.Client.Execute("display");

        var display = Assert.Single(iopub, m => m.MsgType == "display_data");
        var update = Assert.Single(iopub, m => m.MsgType == "update_display_data");
        Assert.Equal("first", Text(display.Content["data"]!["text/plain"]));
        Assert.Equal("second", Text(update.Content["data"]!["text/plain"]));
        Assert.Equal("progress", Text(display.Content["transient"]!["display_id"]));
        Assert.Equal("progress", Text(update.Content["transient"]!["display_id"]));
    }

    [Fact]
    public void Clear_output_is_published_with_its_wait_flag()
    {
        using var kernel = new RunningKernel();
        var (_, iopub) = kernel.Client.Execute("clear");

        var clear = Assert.Single(iopub, m => m.MsgType == "clear_output");
        Assert.True(clear.Content["wait"]!.GetValue<bool>());
    }

    [Fact]
    public void Page_payload_comes_back_in_execute_reply()
    {
        using var kernel = new RunningKernel();
        var (reply, _) = kernel.Client.Execute("page");

        var payload = Assert.Single(reply.Content["payload"]!.AsArray());
        Assert.Equal("page", Text(payload!["source"]));
        Assert.Equal("help text", Text(payload["data"]!["text/plain"]));
    }

    [Fact]
    public void User_expressions_are_evaluated_after_an_ok_cell()
    {
        using var kernel = new RunningKernel();
        var (reply, _) = kernel.Client.Execute("print:x", userExpressions: new JsonObject { ["answer"] = "value:42", ["broken"] = "throw" });

        var expressions = reply.Content["user_expressions"]!;
        Assert.Equal("ok", Text(expressions["answer"]!["status"]));
        Assert.Equal("42", Text(expressions["answer"]!["data"]!["text/plain"]));
        Assert.Equal("error", Text(expressions["broken"]!["status"]));
        Assert.Equal("boom", Text(expressions["broken"]!["evalue"]));
    }

    [Fact]
    public void Message_with_a_bad_signature_is_never_executed_nor_answered()
    {
        using var kernel = new RunningKernel();
        kernel.Client.Send(KernelChannel.Shell, "execute_request", new JsonObject { ["code"] = "print:forged" }, badSignature: true);
        var genuine = kernel.Client.Send(KernelChannel.Shell, "kernel_info_request", []);

        var reply = kernel.Client.Reply(KernelChannel.Shell);
        kernel.Client.IopubUntilIdle(genuine);

        Assert.Equal(genuine, Text(reply.ParentHeader["msg_id"]));
        Assert.DoesNotContain("print:forged", kernel.Interpreter.Executed);
        Assert.Contains("bad signature", kernel.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_key_means_unsigned_messages_are_accepted()
    {
        using var kernel = new RunningKernel(key: "");
        var (reply, _) = kernel.Client.Execute("value:1");

        Assert.Equal("ok", Text(reply.Content["status"]));
    }

    [Fact]
    public async Task Interrupt_cancels_the_running_cell_and_the_kernel_keeps_serving()
    {
        using var kernel = new RunningKernel();
        var running = kernel.Client.Send(KernelChannel.Shell, "execute_request", new JsonObject { ["code"] = "wait" });
        await kernel.Interpreter.WaitStarted.WaitAsync(TimeSpan.FromSeconds(20));

        kernel.Client.Send(KernelChannel.Control, "interrupt_request", []);
        var interruptReply = kernel.Client.Reply(KernelChannel.Control);
        var executeReply = kernel.Client.Reply(KernelChannel.Shell);
        var iopub = kernel.Client.IopubUntilIdle(running);
        var (next, nextIopub) = kernel.Client.Execute("value:after");

        Assert.Equal("interrupt_reply", interruptReply.MsgType);
        Assert.Equal("ok", Text(interruptReply.Content["status"]));
        Assert.Equal("error", Text(executeReply.Content["status"]));
        Assert.Equal("OperationCanceledException", Text(executeReply.Content["ename"]));
        Assert.Contains(iopub, m => m.MsgType == "error");
        Assert.Equal("ok", Text(next.Content["status"]));
        Assert.Equal("after", Text(Assert.Single(nextIopub, m => m.MsgType == "execute_result").Content["data"]!["text/plain"]));
    }

    [Fact]
    public void Complete_reply_gives_matches_and_the_replaced_span_in_code_points()
    {
        using var kernel = new RunningKernel();
        // "😀" is one code point but two UTF-16 units: the cursor is in code points on the wire.
        var code = "\"😀\"; Math.S";
        kernel.Client.Send(KernelChannel.Shell, "complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = 11 });
        var reply = kernel.Client.Reply(KernelChannel.Shell);

        Assert.Equal(["Sqrt", "Sin"], reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(10, reply.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(11, reply.Content["cursor_end"]!.GetValue<int>());
    }

    [Fact]
    public void Inspect_reply_reports_found_and_the_documentation()
    {
        using var kernel = new RunningKernel();
        kernel.Client.Send(KernelChannel.Shell, "inspect_request", new JsonObject { ["code"] = "Math", ["cursor_pos"] = 2, ["detail_level"] = 0 });
        var found = kernel.Client.Reply(KernelChannel.Shell);
        kernel.Client.Send(KernelChannel.Shell, "inspect_request", new JsonObject { ["code"] = "nothing", ["cursor_pos"] = 2, ["detail_level"] = 0 });
        var missing = kernel.Client.Reply(KernelChannel.Shell);

        Assert.True(found.Content["found"]!.GetValue<bool>());
        Assert.Equal("class System.Math", Text(found.Content["data"]!["text/plain"]));
        Assert.False(missing.Content["found"]!.GetValue<bool>());
        Assert.Empty(missing.Content["data"]!.AsObject());
    }

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("for (var i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("}", "invalid")]
    public void Is_complete_reply_passes_the_interpreters_verdict(string code, string status)
    {
        using var kernel = new RunningKernel();
        kernel.Client.Send(KernelChannel.Shell, "is_complete_request", new JsonObject { ["code"] = code });
        var reply = kernel.Client.Reply(KernelChannel.Shell);

        Assert.Equal(status, Text(reply.Content["status"]));
        Assert.Equal(status == "incomplete", reply.Content.ContainsKey("indent"));
    }

    [Fact]
    public void History_answers_tail_range_and_search()
    {
        using var kernel = new RunningKernel();
        foreach (var code in new[] { "value:1", "print:a", "value:1", "value:2" })
        {
            kernel.Client.Execute(code);
        }

        JsonArray History(JsonObject request)
        {
            request["raw"] = true;
            request.TryAdd("output", false);
            kernel.Client.Send(KernelChannel.Shell, "history_request", request);
            return kernel.Client.Reply(KernelChannel.Shell).Content["history"]!.AsArray();
        }

        var tail = History(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 2 });
        var tailWithOutput = History(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 1, ["output"] = true });
        var range = History(new JsonObject { ["hist_access_type"] = "range", ["session"] = 0, ["start"] = 2, ["stop"] = 4 });
        var search = History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "value:?" });
        var unique = History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "value:*", ["unique"] = true });
        var lastTwo = History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "value:*", ["n"] = 2 });

        Assert.Equal("[[0,3,\"value:1\"],[0,4,\"value:2\"]]", tail.ToJsonString());
        Assert.Equal("[[0,4,[\"value:2\",\"2\"]]]", tailWithOutput.ToJsonString());
        Assert.Equal("[[0,2,\"print:a\"],[0,3,\"value:1\"]]", range.ToJsonString());
        Assert.Equal(3, search.Count);
        Assert.Equal("[[0,3,\"value:1\"],[0,4,\"value:2\"]]", unique.ToJsonString());
        Assert.Equal("[[0,3,\"value:1\"],[0,4,\"value:2\"]]", lastTwo.ToJsonString());
    }

    [Fact]
    public void Comm_info_is_empty_and_comm_open_is_closed_without_a_reply()
    {
        using var kernel = new RunningKernel();
        var open = kernel.Client.Send(KernelChannel.Shell, "comm_open", new JsonObject { ["comm_id"] = "c1", ["target_name"] = "jupyter.widget", ["data"] = new JsonObject() });
        var openIopub = kernel.Client.IopubUntilIdle(open);
        kernel.Client.Send(KernelChannel.Shell, "comm_info_request", []);
        var reply = kernel.Client.Reply(KernelChannel.Shell);

        Assert.Equal("comm_info_reply", reply.MsgType);
        Assert.Empty(reply.Content["comms"]!.AsObject());
        Assert.Equal("c1", Text(Assert.Single(openIopub, m => m.MsgType == "comm_close").Content["comm_id"]));
    }

    [Theory]
    [InlineData(KernelChannel.Control, true)]
    [InlineData(KernelChannel.Shell, false)]
    public async Task Shutdown_echoes_restart_and_ends_the_kernel(KernelChannel channel, bool restart)
    {
        using var kernel = new RunningKernel();
        kernel.Client.Send(channel, "shutdown_request", new JsonObject { ["restart"] = restart });
        var reply = kernel.Client.Reply(channel);

        Assert.Equal("shutdown_reply", reply.MsgType);
        Assert.Equal(restart, reply.Content["restart"]!.GetValue<bool>());
        Assert.Equal(restart, await kernel.Kernel.Shutdown.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Heartbeat_echoes_pings_while_a_cell_runs()
    {
        using var kernel = new RunningKernel();
        kernel.Client.Send(KernelChannel.Shell, "execute_request", new JsonObject { ["code"] = "wait" });
        await kernel.Interpreter.WaitStarted.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("ping-1", kernel.Client.Ping("ping-1"));
    }
}
