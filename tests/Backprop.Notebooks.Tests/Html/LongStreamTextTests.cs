using Backprop.Notebooks.Html;
using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Tests.Html;

public sealed class LongStreamTextTests
{
    [Fact]
    public void A_stream_over_1_MB_is_shown_to_its_last_whole_line_within_1_MB_with_a_note_of_the_lines_left_out()
    {
        // 20,000 lines of 100 chars: 2,000,000 chars; 1 MB holds 10,485 whole lines.
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i:D7} {new string('y', 91)}\n"));

        var html = new OutputRenderer().Render(new StreamOutput("stdout", text));

        Assert.Contains($"0010484 {new string('y', 91)}\n<span class=\"output-truncated\">", html);
        Assert.DoesNotContain("0010485", html);
        Assert.Contains("[this output is 1.9 MB: the page shows its first 1 MB; 9,515 more lines are in the notebook]</span></pre>", html);
    }

    [Fact]
    public void A_stream_within_1_MB_is_shown_whole_without_a_note()
    {
        var text = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i:D7} {new string('y', 91)}\n"));

        var html = new OutputRenderer().Render(new StreamOutput("stdout", text));

        Assert.Contains("0009999", html);
        Assert.DoesNotContain("output-truncated", html);
    }
}
