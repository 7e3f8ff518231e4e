using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Backprop.Notebooks.Html;

/// <summary>
/// Renders <c>$…$</c> as an inline math span and <c>$$…$$</c> written inside a paragraph as
/// display math (as Jupyter shows it); the page's script hands both to KaTeX.
/// </summary>
internal sealed class DisplayAwareMathInlineRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline obj)
    {
        renderer.Write(obj.DelimiterCount >= 2 ? "<span class=\"math math-display\">" : "<span class=\"math\">");
        renderer.WriteEscape(obj.Content);
        renderer.Write("</span>");
    }
}
