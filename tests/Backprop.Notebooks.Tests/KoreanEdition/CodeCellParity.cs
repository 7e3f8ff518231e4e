using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Notebooks.Tests.KoreanEdition;

/// <summary>
/// The rule that keeps a Korean notebook's code the English one's (notebooks/ko/README.md, "같은 코드"):
/// the same code cells in the same order with the same C# tokens, except that
/// <list type="bullet">
/// <item>the first code cell has one more line, <see cref="SwitchLine"/> (a comment may follow it);</item>
/// <item>a <c>#r</c> path starting with <c>../</c> has one more <c>../</c> (notebooks/ko/ is a folder deeper);</item>
/// <item>the text of a string literal, or the literal text of an interpolated string, may differ when
/// the Korean text contains Hangul: a printed label, translated — an interpolated string keeps the same
/// holes with the same format specifiers, in any order (Korean word order differs);</item>
/// <item>comments and layout (spaces, line breaks) may differ.</item>
/// </list>
/// </summary>
internal static class CodeCellParity
{
    /// <summary>The language switch, the one line the Korean edition adds to the setup cell.</summary>
    public const string SwitchLine = "Text.Language = Language.Korean;";

    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>The differences between the English and the Korean code cells, one line each; empty when they match.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<string> english, IReadOnlyList<string> korean)
    {
        var differences = new List<string>();
        if (english.Count != korean.Count)
        {
            differences.Add($"{english.Count} code cells in English but {korean.Count} in Korean");
        }
        for (var i = 0; i < Math.Min(english.Count, korean.Count); i++)
        {
            var (code, switches) = WithoutSwitchLine(korean[i]);
            var expectedSwitches = i == 0 ? 1 : 0;
            if (switches != expectedSwitches)
            {
                differences.Add($"code cell {i + 1}: the switch line `{SwitchLine}` appears {switches} time(s), expected {expectedSwitches} (only in the first code cell)");
            }
            if (FirstDifference(english[i], code) is { } difference)
            {
                differences.Add($"code cell {i + 1}: {difference}");
            }
        }
        return differences;
    }

    /// <summary>The cell without its switch lines, and how many there were.</summary>
    internal static (string Code, int Switches) WithoutSwitchLine(string cell)
    {
        var lines = cell.Split('\n');
        var kept = lines.Where(line => !IsSwitchLine(line)).ToArray();
        return (string.Join('\n', kept), lines.Length - kept.Length);
    }

    private static bool IsSwitchLine(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).Trim() == SwitchLine;
    }

    private static string? FirstDifference(string english, string korean)
    {
        var expected = Units(english);
        var found = Units(korean);
        for (var k = 0; k < Math.Max(expected.Count, found.Count); k++)
        {
            if (k >= expected.Count)
            {
                return $"the Korean cell has more code from line {found[k].Line}: `{found[k].Text}`";
            }
            if (k >= found.Count)
            {
                return $"the Korean cell ends where the English one goes on at line {expected[k].Line}: `{expected[k].Text}`";
            }
            if (!Matches(expected[k], found[k]))
            {
                return $"line {expected[k].Line} in English `{expected[k].Text}` but line {found[k].Line} in Korean `{found[k].Text}`"
                    + (expected[k].Translatable ? " (a string may differ only by a translation containing Hangul, with the same interpolation holes and formats)" : "");
            }
        }
        return null;
    }

    /// <summary>
    /// The cell as a list of units to compare: each token (directives' included), except that an interpolated
    /// string is one unit — its literal text, and its holes with their formats in any order, since a translation
    /// may put them in another order.
    /// </summary>
    private static List<Unit> Units(string code)
    {
        var units = new List<Unit>();
        InterpolatedStringExpressionSyntax? current = null;
        foreach (var token in CSharpSyntaxTree.ParseText(code, Script).GetRoot().DescendantTokens(descendIntoTrivia: true))
        {
            if (token.IsKind(SyntaxKind.EndOfFileToken) || token.IsKind(SyntaxKind.EndOfDirectiveToken)
                || (current is not null && current.Span.Contains(token.Span)))
            {
                continue;
            }
            var line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            if (token.Parent is InterpolatedStringExpressionSyntax interpolated && token == interpolated.StringStartToken)
            {
                current = interpolated;
                var text = string.Concat(interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.Text));
                var holes = interpolated.Contents.OfType<InterpolationSyntax>()
                    .Select(h => string.Concat(h.DescendantTokens().Select(t => t.Text))).Order(StringComparer.Ordinal);
                units.Add(new Unit(SyntaxKind.InterpolatedStringExpression, interpolated.ToString(), line, true, text,
                    token.Text + "|" + string.Join("|", holes)));
                continue;
            }
            var translatable = IsTranslatable(token);
            var reference = token.Parent is ReferenceDirectiveTriviaSyntax && token.IsKind(SyntaxKind.StringLiteralToken);
            units.Add(new Unit(token.Kind(), token.Text, line, translatable, translatable ? token.Text : reference ? token.ValueText : "", translatable ? "" : token.Text)
            {
                IsReferencePath = reference,
            });
        }
        return units;
    }

    private static bool Matches(Unit english, Unit korean)
    {
        if (english.Kind != korean.Kind || english.Structure != korean.Structure)
        {
            return english.IsReferencePath && korean.IsReferencePath && english.Literal.StartsWith("../", StringComparison.Ordinal)
                && korean.Literal == "../" + english.Literal;
        }
        if (english.IsReferencePath && english.Literal.StartsWith("../", StringComparison.Ordinal))
        {
            return false;
        }
        return english.Literal == korean.Literal || (english.Translatable && korean.Literal.Any(IsHangul));
    }

    /// <summary>
    /// A token, or a whole interpolated string, to compare: <see cref="Structure"/> must be equal (the token's text,
    /// or an interpolated string's kind of start and its holes), <see cref="Literal"/> equal or a translation into Korean.
    /// </summary>
    private sealed record Unit(SyntaxKind Kind, string Text, int Line, bool Translatable, string Literal, string Structure)
    {
        public bool IsReferencePath { get; init; }
    }

    /// <summary>A string literal, or the literal text of an interpolated string (not a format specifier, not a directive's argument).</summary>
    private static bool IsTranslatable(SyntaxToken token) =>
        token.Parent is not DirectiveTriviaSyntax
        && (token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken
            || (token.IsKind(SyntaxKind.InterpolatedStringTextToken) && token.Parent is InterpolatedStringTextSyntax));

    internal static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';

}
