using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

/// <summary>The C# kernel's magics as a frontend sees them: displays between the cell's output and its result.</summary>
public sealed class MagicsThroughProtocolTests(CSharpKernel kernel) : IClassFixture<CSharpKernel>
{
    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    [Fact]
    public void Time_and_whos_show_after_the_printed_text_and_before_the_result()
    {
        var (reply, iopub) = kernel.Client.Execute("%%time\n#!whos\nvar answer = 6 * 7;\nConsole.WriteLine(\"computed\");\nanswer");

        Assert.Equal("ok", Text(reply.Content["status"]));
        var outputs = iopub.Where(m => m.MsgType is "stream" or "display_data" or "execute_result").ToList();
        Assert.Equal(["stream", "display_data", "display_data", "execute_result"], outputs.Select(m => m.MsgType));
        Assert.Equal("computed\n", Text(outputs[0].Content["text"]));
        Assert.Matches(@"^CPU times: user .+, sys: .+, total: .+\nWall time: [\d.]+ (s|ms)$", Text(outputs[1].Content["data"]!["text/plain"]));
        Assert.EndsWith("\nanswer     int    42", Text(outputs[2].Content["data"]!["text/plain"]));
        Assert.Equal("42", Text(outputs[3].Content["data"]!["text/plain"]));
        Assert.Equal("idle", Text(iopub[^1].Content["execution_state"]));
    }

    [Fact]
    public void An_unknown_magic_is_an_error_reply_naming_it()
    {
        var (reply, iopub) = kernel.Client.Execute("#!timeit\n1");

        Assert.Equal("error", Text(reply.Content["status"]));
        Assert.Equal("DirectiveError", Text(reply.Content["ename"]));
        Assert.Contains("'#!timeit' on line 1", Text(reply.Content["evalue"]));
        Assert.Equal("idle", Text(iopub[^1].Content["execution_state"]));
    }
}
