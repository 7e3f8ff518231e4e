using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace Backprop.Notebooks.Html;

/// <summary>
/// Inline math <c>$…$</c> closed right before Hangul, as Korean writes it (<c>$x$는</c>, <c>$2t$를</c>):
/// Markdig's math parser, like Pandoc's, wants a space or punctuation after the closing <c>$</c>, while
/// Jupyter and VS Code render these. Anything else is left to Markdig's parser.
/// </summary>
internal sealed class MathBeforeHangulParser : InlineParser
{
    public MathBeforeHangulParser()
    {
        OpeningCharacters = ['$'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var before = slice.PeekCharExtra(-1);
        var first = slice.PeekCharExtra(1);
        if (before == '$' || before == '\\' || char.IsLetterOrDigit(before) || first == '$' || first == '\0' || char.IsWhiteSpace(first))
        {
            return false;
        }

        var text = slice.Text;
        var open = slice.Start;
        for (var i = open + 1; i <= slice.End; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }
            if (text[i] == '\n' || text[i] == '\r')
            {
                return false;
            }
            if (text[i] != '$')
            {
                continue;
            }
            if (char.IsWhiteSpace(text[i - 1]) || i + 1 > slice.End || !IsHangul(text[i + 1]))
            {
                return false;
            }

            var inline = new MathInline
            {
                Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(open, out var line, out var column), processor.GetSourcePosition(i)),
                Line = line,
                Column = column,
                Delimiter = '$',
                DelimiterCount = 1,
                Content = new StringSlice(text, open + 1, i - 1),
            };
            processor.Inline = inline;
            slice.Start = i + 1;
            return true;
        }
        return false;
    }

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';
}
