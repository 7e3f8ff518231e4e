using System.Text.Json.Nodes;
using Backprop.Notebooks.Html;
using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Tests.Html;

public sealed class OutputRendererTests
{
    private readonly OutputRenderer renderer = new();

    private static DisplayDataOutput Display(JsonObject data) => new(data, new JsonObject());

    [Fact]
    public void Stream_text_is_escaped_and_stderr_is_marked()
    {
        var html = renderer.Render(new StreamOutput("stderr", "a <b> & \"c\"\n"));

        Assert.Equal("<div class=\"output output-stream output-stderr\"><pre>a &lt;b&gt; &amp; &quot;c&quot;\n</pre></div>", html);
    }

    [Fact]
    public void Carriage_returns_overwrite_the_line_as_in_a_terminal()
    {
        var html = renderer.Render(new StreamOutput("stdout", "10%\r50%\r100%\ndone\n"));

        Assert.Contains("<pre>100%\ndone\n</pre>", html);
    }

    [Fact]
    public void Errors_show_name_value_and_traceback_without_ansi_codes()
    {
        var html = renderer.Render(new ErrorOutput("DivideByZeroException", "Attempted to <divide>", new[] { "\u001b[0;31mboom\u001b[0m", "  at cell 2" }));

        Assert.Contains("<strong class=\"ename\">DivideByZeroException</strong>: Attempted to &lt;divide&gt;\nboom\n  at cell 2</pre>", html);
        Assert.False(html.Contains('\u001b', StringComparison.Ordinal));
        Assert.Contains("output-error", html);
    }

    [Fact]
    public void A_plotly_figure_becomes_a_chart_div_with_its_json_and_the_cdn_html_beside_it_is_not_used()
    {
        var figure = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["type"] = "scatter", ["name"] = "</script><b>" }), ["layout"] = new JsonObject() };
        var html = renderer.Render(Display(new JsonObject
        {
            [MimeTypes.Plotly] = figure,
            ["text/html"] = "<script src=\"https://cdn.example/plotly.js\"></script>",
        }));

        Assert.Contains("<div class=\"plotly-chart\" id=\"plotly-chart-1\"></div>", html);
        Assert.Contains("<script type=\"application/json\" class=\"plotly-figure\" data-target=\"plotly-chart-1\">", html);
        Assert.Contains("\\u003C/script\\u003E", html);
        Assert.DoesNotContain("</script><b>", html);
        Assert.DoesNotContain("cdn.example", html);
        Assert.Equal(1, renderer.Charts);
    }

    [Fact]
    public void Html_is_preferred_over_plain_text_and_passed_through()
    {
        var html = renderer.Render(Display(new JsonObject { ["text/html"] = "<table><tr><td>1</td></tr></table>", ["text/plain"] = "1" }));

        Assert.Equal("<div class=\"output output-html\"><table><tr><td>1</td></tr></table></div>", html);
    }

    [Fact]
    public void A_png_becomes_an_inline_data_image()
    {
        var html = renderer.Render(new ExecuteResultOutput(3, new JsonObject { ["image/png"] = "iVBORw0K\nGgo=", ["text/plain"] = "img" }, new JsonObject()));

        Assert.Contains("<img alt=\"image/png output\" src=\"data:image/png;base64,iVBORw0KGgo=\">", html);
    }

    [Fact]
    public void Image_data_that_is_not_base64_falls_back_to_text()
    {
        var html = renderer.Render(Display(new JsonObject { ["image/png"] = "\" onerror=\"alert(1)", ["text/plain"] = "fallback" }));

        Assert.DoesNotContain("onerror=\"", html);
        Assert.Contains("<pre>fallback</pre>", html);
    }

    [Fact]
    public void Plain_text_results_are_escaped()
    {
        var html = renderer.Render(new ExecuteResultOutput(1, new JsonObject { ["text/plain"] = "List<int> { 1 }" }, new JsonObject()));

        Assert.Equal("<div class=\"output output-text\"><pre>List&lt;int&gt; { 1 }</pre></div>", html);
    }

    [Fact]
    public void Latex_becomes_a_math_block_without_its_dollars()
    {
        var html = renderer.Render(Display(new JsonObject { ["text/latex"] = "$$x < y$$" }));

        Assert.Contains("<div class=\"math\">x &lt; y</div>", html);
    }

    [Fact]
    public void Markdown_output_is_rendered()
    {
        var html = renderer.Render(Display(new JsonObject { ["text/markdown"] = "**bold** and $x$" }));

        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<span class=\"math\">x</span>", html);
    }

    [Fact]
    public void An_unknown_mime_type_is_shown_as_text_with_a_note_never_dropped()
    {
        var html = renderer.Render(Display(new JsonObject { ["application/x-custom"] = "<payload>", ["text/plain"] = "plain" }));

        Assert.Contains("<pre>plain</pre>", html);
        Assert.Contains("Output of type <code>application/x-custom</code>: this exporter cannot render it, so it is shown as text.", html);
        Assert.Contains("<pre>&lt;payload&gt;</pre>", html);
    }

    [Fact]
    public void An_unknown_json_mime_type_is_shown_as_indented_json()
    {
        var html = renderer.Render(Display(new JsonObject { ["application/vnd.custom+json"] = new JsonObject { ["a"] = 1 } }));

        Assert.Contains("application/vnd.custom+json", html);
        Assert.Contains("<pre>{\n  &quot;a&quot;: 1\n}</pre>", html);
    }
}
