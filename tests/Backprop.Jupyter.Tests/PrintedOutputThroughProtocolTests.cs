using System.Text;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

/// <summary>What a C# cell prints reaches the client through iopub complete, batched and in order, up to the per-cell cap; status idle always follows.</summary>
public sealed class PrintedOutputThroughProtocolTests(CSharpKernel kernel) : IClassFixture<CSharpKernel>
{
    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static string Streamed(IEnumerable<JupyterMessage> iopub, string name = "stdout") =>
        string.Concat(iopub.Where(m => m.MsgType == "stream" && Text(m.Content["name"]) == name).Select(m => Text(m.Content["text"])));

    private static void AssertEndsIdle(List<JupyterMessage> iopub)
    {
        Assert.Equal("status", iopub[^1].MsgType);
        Assert.Equal("idle", Text(iopub[^1].Content["execution_state"]));
    }

    [Fact]
    public void Hundred_thousand_printed_lines_all_arrive_in_order_in_few_messages_then_idle()
    {
        var (reply, iopub) = kernel.Client.Execute("for (var i = 0; i < 100000; i++) Console.WriteLine(i);");

        Assert.Equal("ok", Text(reply.Content["status"]));
        var expected = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            expected.Append(i).Append('\n');
        }
        Assert.Equal(expected.ToString(), Streamed(iopub));
        // One message per line would be 100,000; batched, it is one per flush interval (or megabyte).
        Assert.InRange(iopub.Count(m => m.MsgType == "stream"), 1, 5_000);
        AssertEndsIdle(iopub);
    }

    [Fact]
    public void Fifty_megabytes_in_one_cell_stop_at_the_cap_with_one_notice_and_the_cell_runs_on()
    {
        // 524,288 lines of 100 bytes = 50 MB; the 5 MB cap holds 52,428 whole lines.
        var (reply, iopub) = kernel.Client.Execute("""
            var filler = new string('x', 91);
            for (var i = 0; i < 524288; i++) Console.WriteLine($"{i:D7} {filler}");
            "ran to the end"
            """);

        Assert.Equal("ok", Text(reply.Content["status"]));
        var expected = new StringBuilder();
        for (var i = 0; i < 52_428; i++)
        {
            expected.Append(i.ToString("D7")).Append(' ').Append('x', 91).Append('\n');
        }
        Assert.Equal(expected.ToString(), Streamed(iopub));

        var types = iopub.Select(m => m.MsgType).ToList();
        var lastStream = types.LastIndexOf("stream");
        Assert.Equal(["display_data", "update_display_data", "execute_result", "status"], types.Skip(lastStream + 1));
        var notice = iopub[lastStream + 1];
        var final = iopub[lastStream + 2];
        Assert.Equal(Text(notice.Content["transient"]!["display_id"]), Text(final.Content["transient"]!["display_id"]));
        Assert.StartsWith("[output truncated after 5 MB", Text(notice.Content["data"]!["text/plain"]));
        Assert.Equal(
            "[output truncated after 5 MB: 471,860 more lines (45.0 MB) not shown — print less often, or write to a file]",
            Text(final.Content["data"]!["text/plain"]));
        Assert.Contains("ran to the end", Text(iopub[lastStream + 3].Content["data"]!["text/plain"]));
        AssertEndsIdle(iopub);

        var (_, next) = kernel.Client.Execute("Console.WriteLine(\"the next cell prints again\");");
        Assert.Equal("the next cell prints again\n", Streamed(next));
    }

    [Fact]
    public void Prints_and_displays_arrive_in_the_order_the_cell_made_them()
    {
        var (_, iopub) = kernel.Client.Execute("""
            for (var i = 0; i < 3; i++) { Console.WriteLine($"line {i}"); display(i * 10); }
            Console.Error.WriteLine("warning");
            Console.WriteLine("end");
            7 * 6
            """);

        var outputs = iopub.Where(m => m.MsgType is "stream" or "display_data" or "execute_result")
            .Select(m => m.MsgType == "stream"
                ? $"{Text(m.Content["name"])}:{Text(m.Content["text"])}"
                : $"{m.MsgType}:{Text(m.Content["data"]!["text/plain"])}")
            .ToList();
        Assert.Equal(
            ["stdout:line 0\n", "display_data:0", "stdout:line 1\n", "display_data:10", "stdout:line 2\n", "display_data:20",
             "stderr:warning\n", "stdout:end\n", "execute_result:42"],
            outputs);
        AssertEndsIdle(iopub);
    }

    [Fact]
    public void Twenty_thousand_displays_beyond_the_default_high_water_mark_all_arrive_then_idle()
    {
        var (reply, iopub) = kernel.Client.Execute("for (var i = 0; i < 20000; i++) display(i);");

        Assert.Equal("ok", Text(reply.Content["status"]));
        var shown = iopub.Where(m => m.MsgType == "display_data").Select(m => Text(m.Content["data"]!["text/plain"])).ToList();
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i.ToString()), shown);
        AssertEndsIdle(iopub);
    }
}
