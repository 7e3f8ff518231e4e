using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

public sealed class PrintedOutputTests
{
    [Fact]
    public async Task Lines_printed_in_a_burst_are_published_in_few_stream_calls_in_order()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("for (var i = 0; i < 10000; i++) Console.WriteLine(i);");

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        Assert.Equal(string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i}\n")), session.Publisher.StreamText("stdout"));
        Assert.InRange(session.Publisher.Outputs.Count, 1, 500);
    }

    [Fact]
    public async Task Stdout_and_stderr_keep_the_order_they_were_written_in()
    {
        using var session = new Session();
        await session.RunAsync("Console.Write(\"a\"); Console.Error.Write(\"b\"); Console.Write(\"c\"); Console.Write(\"d\"); Console.Error.WriteLine(\"e\");");

        Assert.Equal(
            [("stdout", "a"), ("stderr", "b"), ("stdout", "cd"), ("stderr", "e\n")],
            session.Publisher.Outputs.Select(o => (o.Name!, o.Text!)));
    }

    [Fact]
    public void Text_past_the_cap_stops_at_a_whole_line_with_one_notice_completed_at_close()
    {
        var publisher = new RecordingPublisher();
        var batcher = new CellStreamBatcher(publisher, printedTextLimit: 25);

        batcher.Write("stdout", "line one\nline two\n");   // 18 bytes
        batcher.Write("stderr", "line three\nline four\n"); // would reach 39: "line three" does not fit whole
        batcher.Write("stdout", "ü\n");                      // dropped, 3 bytes
        batcher.Close();
        batcher.Write("stdout", "after the cell\n");

        Assert.True(batcher.Truncated);
        var outputs = publisher.Outputs;
        Assert.Equal(["stream", "display", "update"], outputs.Select(o => o.Kind));
        Assert.Equal("line one\nline two\n", outputs[0].Text);
        Assert.Equal(outputs[1].DisplayId, outputs[2].DisplayId);
        Assert.Equal("[output truncated after 0.0 MB: the cell goes on running; what it prints from here on is not shown]", outputs[1].Bundle!.Data["text/plain"]!.GetValue<string>());
        Assert.Equal("[output truncated after 0.0 MB: 3 more lines (0.0 MB) not shown — print less often, or write to a file]", outputs[2].Bundle!.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_first_line_longer_than_the_cap_is_shown_up_to_the_cap()
    {
        var publisher = new RecordingPublisher();
        var batcher = new CellStreamBatcher(publisher, printedTextLimit: 10);

        batcher.Write("stdout", new string('z', 25));
        batcher.Close();

        Assert.Equal(new string('z', 10), publisher.StreamText("stdout"));
        Assert.Contains("1 more line (0.0 MB) not shown", publisher.Outputs[^1].Bundle!.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Within_the_cap_nothing_is_left_out_and_no_notice_is_shown()
    {
        var publisher = new RecordingPublisher();
        var batcher = new CellStreamBatcher(publisher, printedTextLimit: 18);

        batcher.Write("stdout", "line one\nline two\n");
        batcher.Close();

        Assert.False(batcher.Truncated);
        Assert.Equal(["stream"], publisher.Outputs.Select(o => o.Kind));
    }
}
