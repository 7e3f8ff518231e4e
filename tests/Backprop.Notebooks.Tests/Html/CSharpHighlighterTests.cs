using Backprop.Notebooks.Html;

namespace Backprop.Notebooks.Tests.Html;

public sealed class CSharpHighlighterTests
{
    [Fact]
    public void Keywords_strings_comments_numbers_types_and_directives_get_their_classes()
    {
        var html = CSharpHighlighter.Highlight("#r \"lib.dll\"\nvar x = 1.5e-3; // note\nConsole.WriteLine($\"a{x}\");");

        Assert.Equal(
            "<span class=\"tok-directive\">#r &quot;lib.dll&quot;</span>\n"
            + "<span class=\"tok-keyword\">var</span> x = <span class=\"tok-number\">1.5e-3</span>; <span class=\"tok-comment\">// note</span>\n"
            + "<span class=\"tok-type\">Console</span>.<span class=\"tok-type\">WriteLine</span>(<span class=\"tok-string\">$&quot;a{x}&quot;</span>);",
            html);
    }

    [Fact]
    public void Markup_in_code_is_escaped_everywhere()
    {
        var html = CSharpHighlighter.Highlight("var s = \"</pre><script>\"; if (a < b && c > d) { } /* <b> */");

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("</pre>", html);
        Assert.Contains("a &lt; b &amp;&amp; c &gt; d", html);
        Assert.Contains("<span class=\"tok-comment\">/* &lt;b&gt; */</span>", html);
    }

    [Fact]
    public void Verbatim_and_raw_strings_run_to_their_real_end()
    {
        var html = CSharpHighlighter.Highlight("var a = @\"x \"\"q\"\" y\"; var b = \"\"\"\n raw \" text\n\"\"\";");

        Assert.Contains("<span class=\"tok-string\">@&quot;x &quot;&quot;q&quot;&quot; y&quot;</span>", html);
        Assert.Contains("<span class=\"tok-string\">&quot;&quot;&quot;\n raw &quot; text\n&quot;&quot;&quot;</span>", html);
    }

    [Fact]
    public void A_hash_inside_a_line_is_not_a_directive()
    {
        var html = CSharpHighlighter.Highlight("var c = '#';");

        Assert.DoesNotContain("tok-directive", html);
        Assert.Contains("<span class=\"tok-string\">&#39;#&#39;</span>", html);
    }
}
