using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;

namespace Backprop.Notebooks.Html;

/// <summary>Puts <see cref="MathBeforeHangulParser"/> ahead of Markdig's math parser (add it after <c>UseMathematics</c>).</summary>
internal sealed class MathBeforeHangulExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<MathBeforeHangulParser>())
        {
            pipeline.InlineParsers.InsertBefore<MathInlineParser>(new MathBeforeHangulParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}
