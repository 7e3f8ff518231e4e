using System.Globalization;

namespace Backprop.Notebooks.Html;

/// <summary>
/// Keeps a page small when a cell printed a lot: a stream output longer than <see cref="Limit"/> chars
/// is shown up to the last whole line within it, followed by a note of how many lines were left out.
/// </summary>
internal static class LongStreamText
{
    /// <summary>The most text of one stream output a page shows: 1 MB (about 10,000 lines of 100 chars).</summary>
    public const int Limit = 1024 * 1024;

    /// <summary>The text to show, and the note to put after it (null when nothing was left out).</summary>
    public static (string Shown, string? Note) Cut(string text)
    {
        if (text.Length <= Limit)
        {
            return (text, null);
        }

        var end = text.LastIndexOf('\n', Limit - 1);
        var shown = end >= 0 ? text[..(end + 1)] : text[..Limit];
        var rest = text.AsSpan(shown.Length);
        var lines = rest.Count('\n') + (rest[^1] == '\n' ? 0 : 1);
        var megabytes = (text.Length / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
        return (shown, $"[this output is {megabytes} MB: the page shows its first 1 MB; {lines.ToString("N0", CultureInfo.InvariantCulture)} more lines are in the notebook]");
    }
}
