using System.Net;
using System.Text;

namespace Backprop.Notebooks.Html;

/// <summary>
/// A small C# highlighter for notebook cells: comments, strings (regular, verbatim, interpolated,
/// raw), characters, numbers, keywords and notebook directives (<c>#r</c>, <c>#!csharp</c>) become
/// spans with classes the page's stylesheet colours. Everything else is escaped text.
/// </summary>
internal static class CSharpHighlighter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false",
        "finally", "fixed", "float", "for", "foreach", "get", "goto", "if", "implicit", "in", "init", "int", "interface",
        "internal", "is", "lock", "long", "nameof", "namespace", "new", "not", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "record", "ref", "required", "return", "sbyte", "sealed",
        "set", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "var", "virtual", "void", "volatile", "when",
        "where", "while", "with", "yield", "and", "or",
    };

    /// <summary>Returns HTML for <paramref name="code"/>: escaped, with highlight spans.</summary>
    public static string Highlight(string code)
    {
        var html = new StringBuilder(code.Length * 2);
        var i = 0;
        var lineStart = true;
        while (i < code.Length)
        {
            var c = code[i];
            var start = i;
            if (lineStart && c == '#')
            {
                i = EndOfLine(code, i);
                Span(html, "directive", code[start..i]);
                continue;
            }
            if (c == '/' && Peek(code, i + 1) == '/')
            {
                i = EndOfLine(code, i);
                Span(html, "comment", code[start..i]);
                continue;
            }
            if (c == '/' && Peek(code, i + 1) == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 2;
                Span(html, "comment", code[start..i]);
                continue;
            }
            if (IsStringStart(code, i, out var prefix))
            {
                i = EndOfString(code, i, prefix);
                Span(html, "string", code[start..i]);
                lineStart = false;
                continue;
            }
            if (c == '\'')
            {
                i = EndOfQuoted(code, i + 1, '\'');
                Span(html, "string", code[start..i]);
                lineStart = false;
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(code, i + 1))))
            {
                i++;
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '.' || code[i] == '_'
                    || ((code[i] == '-' || code[i] == '+') && (code[i - 1] == 'e' || code[i - 1] == 'E'))))
                {
                    i++;
                }
                Span(html, "number", code[start..i]);
                lineStart = false;
                continue;
            }
            if (char.IsLetter(c) || c == '_' || c == '@')
            {
                i++;
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '_'))
                {
                    i++;
                }
                var word = code[start..i];
                if (Keywords.Contains(word))
                {
                    Span(html, "keyword", word);
                }
                else if (char.IsUpper(word[0]))
                {
                    Span(html, "type", word);
                }
                else
                {
                    html.Append(WebUtility.HtmlEncode(word));
                }
                lineStart = false;
                continue;
            }
            html.Append(WebUtility.HtmlEncode(c.ToString()));
            if (c == '\n')
            {
                lineStart = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                lineStart = false;
            }
            i++;
        }
        return html.ToString();
    }

    private static char Peek(string code, int index) => index < code.Length ? code[index] : '\0';

    private static int EndOfLine(string code, int index)
    {
        var end = code.IndexOf('\n', index);
        return end < 0 ? code.Length : end;
    }

    private static bool IsStringStart(string code, int index, out string prefix)
    {
        prefix = "";
        var j = index;
        while (j < code.Length && (code[j] == '$' || code[j] == '@') && j - index < 3)
        {
            j++;
        }
        if (Peek(code, j) != '"')
        {
            return false;
        }
        prefix = code[index..j];
        return true;
    }

    private static int EndOfString(string code, int index, string prefix)
    {
        var quote = index + prefix.Length;
        var quotes = 0;
        while (Peek(code, quote + quotes) == '"')
        {
            quotes++;
        }
        if (quotes >= 3)
        {
            var closing = new string('"', quotes);
            var end = code.IndexOf(closing, quote + quotes, StringComparison.Ordinal);
            return end < 0 ? code.Length : end + quotes;
        }
        if (prefix.Contains('@'))
        {
            var i = quote + 1;
            while (i < code.Length)
            {
                if (code[i] == '"')
                {
                    if (Peek(code, i + 1) == '"')
                    {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return code.Length;
        }
        return EndOfQuoted(code, quote + 1, '"');
    }

    private static int EndOfQuoted(string code, int index, char quote)
    {
        var i = index;
        while (i < code.Length && code[i] != '\n')
        {
            if (code[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (code[i] == quote)
            {
                return i + 1;
            }
            i++;
        }
        return Math.Min(i, code.Length);
    }

    private static void Span(StringBuilder html, string kind, string text) =>
        html.Append("<span class=\"tok-").Append(kind).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
}
