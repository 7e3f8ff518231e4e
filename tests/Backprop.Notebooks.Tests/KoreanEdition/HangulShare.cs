using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests.KoreanEdition;

/// <summary>
/// How much of a notebook's prose is Korean: Hangul syllables among all letters, after removing what is
/// not prose — fenced code, code spans, formulas ($…$, $$…$$), URLs, link targets and HTML tags.
/// </summary>
internal static partial class HangulShare
{
    public static double Of(string markdown)
    {
        var prose = NotProse().Replace(markdown, " ");
        var letters = prose.Count(char.IsLetter);
        return letters == 0 ? 0 : (double)prose.Count(CodeCellParity.IsHangul) / letters;
    }

    [GeneratedRegex(@"```.*?```|~~~.*?~~~|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|https?://\S+|<[^>]+>", RegexOptions.Singleline)]
    private static partial Regex NotProse();
}
