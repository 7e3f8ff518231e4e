using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Interactive;

/// <summary>
/// Takes <c>#r</c>, <c>#i</c> and <c>#!magic</c> lines out of a cell as .NET Interactive notebooks use them:
/// <c>#!time</c> (or IPython's <c>%%time</c>), <c>#!who</c>, <c>#!whos</c> and <c>#!lsmagic</c> are magics
/// (<see cref="CellMagics"/>), <c>#!csharp</c> is accepted and ignored, any other magic is an error naming it.
/// </summary>
internal static partial class DirectiveParser
{
    private static readonly HashSet<string> CSharpMagics = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    public static ParsedCell Parse(string code)
    {
        var lines = code.Split('\n');
        var directives = new List<Directive>();
        var output = new StringBuilder(code.Length);
        string? error = null;

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            var lineNumber = i + 1;
            var isDirective = true;

            if (trimmed.StartsWith("#!", StringComparison.Ordinal) || trimmed.StartsWith("%%", StringComparison.Ordinal))
            {
                var magic = trimmed[2..].Split(' ', 2)[0];
                var name = trimmed.StartsWith('%') ? (magic == "time" ? magic : null) : CellMagics.Names.FirstOrDefault(n => n == magic);
                if (name is not null)
                {
                    directives.Add(new Directive(DirectiveKind.Magic, name, null, lineNumber, trimmed));
                }
                else if (trimmed.StartsWith('%') || !CSharpMagics.Contains(magic))
                {
                    error ??= $"Unknown magic command '{trimmed[..2]}{magic}' on line {lineNumber}: this kernel runs C# only; its magics are {string.Join(", ", CellMagics.Names.Select(n => "#!" + n))} (%%time too), and #!csharp is accepted and ignored";
                }
            }
            else if (ReferenceLine().Match(trimmed) is { Success: true } reference)
            {
                var kind = reference.Groups["kind"].Value;
                var value = reference.Groups["value"].Value.Trim();
                var directive = ParseQuoted(kind, value, lineNumber, trimmed, out var problem);
                if (directive is null)
                {
                    error ??= problem;
                }
                else
                {
                    directives.Add(directive);
                }
            }
            else if (trimmed.StartsWith("#r ", StringComparison.Ordinal) || trimmed.StartsWith("#i ", StringComparison.Ordinal))
            {
                error ??= $"Line {lineNumber}: '{trimmed}' — expected {trimmed[..2]} followed by a quoted argument, e.g. #r \"path/to/Library.dll\" or #r \"nuget: Package.Id, 1.2.3\"";
            }
            else
            {
                isDirective = false;
            }

            output.Append(isDirective ? "" : line);
            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        return new ParsedCell(output.ToString(), directives, error);
    }

    private static Directive? ParseQuoted(string kind, string value, int line, string text, out string? problem)
    {
        problem = null;
        var nuget = NuGetPrefix().Match(value);
        if (kind == "r" && !nuget.Success)
        {
            if (value.Length == 0)
            {
                problem = $"Line {line}: #r needs a path: #r \"path/to/Library.dll\"";
                return null;
            }

            return new Directive(DirectiveKind.AssemblyReference, value, null, line, text);
        }

        if (!nuget.Success)
        {
            problem = $"Line {line}: '{text}' — #i supports package sources only: #i \"nuget: https://… or /path/to/feed\"";
            return null;
        }

        var rest = value[nuget.Length..].Trim();
        if (kind == "i")
        {
            if (rest.Length == 0)
            {
                problem = $"Line {line}: #i \"nuget: …\" needs a package source";
                return null;
            }

            return new Directive(DirectiveKind.PackageSource, rest, null, line, text);
        }

        var parts = rest.Split(',', 2, StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0 || parts[0].Any(char.IsWhiteSpace))
        {
            problem = $"Line {line}: '{text}' — expected #r \"nuget: Package.Id, Version\" (the version may be left out)";
            return null;
        }

        var version = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        return new Directive(DirectiveKind.PackageReference, parts[0], version, line, text);
    }

    [GeneratedRegex("""^#(?<kind>[ri])\s+"(?<value>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex ReferenceLine();

    [GeneratedRegex(@"^nuget\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetPrefix();
}
