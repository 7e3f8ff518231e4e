using Backprop.Notebooks.Html;

namespace Backprop.Notebooks.Tests.Html;

/// <summary>Inline math followed directly by a Korean particle, as Korean prose writes it.</summary>
public sealed class MathBeforeHangulTests
{
    private static string Html(string markdown) => MarkdownRenderer.ToHtml(markdown).Trim();

    [Fact]
    public void Math_closed_right_before_a_Korean_particle_is_math()
    {
        Assert.Equal("<p><span class=\"math\">t = x + y</span>일 때 <span class=\"math\">z = t^2</span>을 생각해 봅시다.</p>",
            Html("$t = x + y$일 때 $z = t^2$을 생각해 봅시다."));
    }

    [Fact]
    public void Math_before_a_space_or_punctuation_is_still_Markdigs()
    {
        Assert.Equal("<p>곱셈 노드 <span class=\"math\">z = xy</span>, 그리고 <span class=\"math math-display\">E = y - t</span></p>",
            Html("곱셈 노드 $z = xy$, 그리고 $$E = y - t$$"));
        Assert.Equal("<p>the sigmoid <span class=\"math\">\\sigma(x)</span> is</p>", Html("the sigmoid $\\sigma(x)$ is"));
    }

    [Fact]
    public void Dollars_that_are_not_math_stay_text()
    {
        Assert.Equal("<p>사과 100$는 비싸고 $ x$는 수식이 아닙니다</p>", Html("사과 100$는 비싸고 $ x$는 수식이 아닙니다"));
        Assert.Equal("<p>가격$x$는</p>", Html("가격$x$는"));
        Assert.Equal("<p>$x\n$는</p>", Html("$x\n$는"));
    }

    [Fact]
    public void An_escaped_dollar_inside_does_not_close_the_math()
    {
        Assert.Equal("<p><span class=\"math\">a \\$ b</span>는</p>", Html("$a \\$ b$는"));
    }
}
