using System.Text;
using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>nbformat's multi-line strings: a string or a list of lines on disk, one string in memory.</summary>
internal static class MultilineText
{
    /// <summary>Joins a list of lines (or returns a plain string); null for anything else.</summary>
    public static string? Join(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            case JsonArray array:
                var builder = new StringBuilder();
                foreach (var item in array)
                {
                    if (item is not JsonValue line || !line.TryGetValue<string>(out var part))
                    {
                        return null;
                    }
                    builder.Append(part);
                }
                return builder.ToString();
            default:
                return null;
        }
    }

    /// <summary>Splits into lines that keep their line ends, as Python's <c>str.splitlines(True)</c> does.</summary>
    public static JsonArray Split(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsLineBreak(c))
            {
                continue;
            }
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }
        return lines;
    }

    private static bool IsLineBreak(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
}
