using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Scripting;

namespace Backprop.Interactive;

/// <summary>
/// The magics a cell may carry on lines of their own, as Polyglot Notebooks had them: <c>#!time</c> (IPython's
/// <c>%%time</c> too) shows the cell's CPU and wall time; <c>#!who</c> and <c>#!whos</c> list the session's
/// variables after the cell's code has run; <c>#!lsmagic</c> lists the magics and directives.
/// </summary>
internal static class CellMagics
{
    /// <summary>The magics' names, as written after <c>#!</c>.</summary>
    public static readonly IReadOnlyList<string> Names = ["time", "who", "whos", "lsmagic"];

    private const int ValueWidth = 50;

    /// <summary>
    /// Runs the cell (<paramref name="run"/>) with the magics <paramref name="code"/> asks for around it;
    /// <paramref name="variables"/> gives the session's variables once it has run.
    /// </summary>
    public static async Task<ExecutionOutcome> RunAsync(
        string code, CellContext context, Func<Task<ExecutionOutcome>> run, Func<IReadOnlyList<ScriptVariable>> variables)
    {
        var magics = DirectiveParser.Parse(code) is { Error: null } cell
            ? cell.Directives.Where(d => d.Kind == DirectiveKind.Magic).Select(d => d.Value).ToHashSet()
            : [];
        if (magics.Count == 0)
        {
            return await run().ConfigureAwait(false);
        }

        var wall = Stopwatch.StartNew();
        var (user, system) = ProcessorTimes();
        var outcome = await run().ConfigureAwait(false);
        if (outcome.Status == ExecutionStatus.Aborted)
        {
            return outcome;
        }

        if (magics.Contains("time"))
        {
            var (userAfter, systemAfter) = ProcessorTimes();
            var userTime = userAfter - user;
            var systemTime = systemAfter - system;
            Show(context, $"CPU times: user {Duration(userTime)}, sys: {Duration(systemTime)}, total: {Duration(userTime + systemTime)}\nWall time: {Duration(wall.Elapsed)}");
        }

        if (magics.Contains("who"))
        {
            var names = Latest(variables()).Select(v => v.Name).ToList();
            Show(context, names.Count == 0 ? "No variables in the session." : string.Join("  ", names));
        }

        if (magics.Contains("whos"))
        {
            Show(context, Table(Latest(variables())));
        }

        if (magics.Contains("lsmagic"))
        {
            Show(context, Listing);
        }

        return outcome;
    }

    /// <summary>The text of <c>#!lsmagic</c>.</summary>
    public static string Listing { get; } = string.Join('\n',
        "Magics (each on a line of its own, anywhere in the cell):",
        "  #!time      the cell's CPU time (user, sys) and wall time; %%time is the same",
        "  #!who       the names of the session's variables",
        "  #!whos      the session's variables: name, type and a short value (a matrix shows its shape, e.g. 784×50)",
        "  #!lsmagic   this list",
        "  #!csharp    accepted and ignored (Polyglot's cell marker)",
        "Directives:",
        "  #r \"path/to/Library.dll\"     references a library, relative to the notebook's folder",
        "  #r \"nuget: Package.Id, 1.2.3\" restores a package (the version may be left out)",
        "  #i \"nuget: source\"           adds a package source for later #r \"nuget: …\" lines");

    /// <summary>The variables' short descriptions, one line each: name, type, value.</summary>
    public static string Table(IReadOnlyList<ScriptVariable> variables)
    {
        if (variables.Count == 0)
        {
            return "No variables in the session.";
        }

        var rows = variables.Select(v => (v.Name, Type: TypeName(v.Type), Value: ShortValue(v.Value))).ToList();
        var nameWidth = Math.Max("Variable".Length, rows.Max(r => r.Name.Length)) + 3;
        var typeWidth = Math.Max("Type".Length, rows.Max(r => r.Type.Length)) + 3;
        var text = new StringBuilder();
        text.Append("Variable".PadRight(nameWidth)).Append("Type".PadRight(typeWidth)).Append("Value\n");
        text.Append('-', nameWidth + typeWidth + "Value".Length).Append('\n');
        foreach (var (name, type, value) in rows)
        {
            text.Append(name.PadRight(nameWidth)).Append(type.PadRight(typeWidth)).Append(value).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A value in a few characters: a matrix's shape (<c>784×50</c>), a collection's count, else its text cut to one short line.</summary>
    public static string ShortValue(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string text:
                return Cut("\"" + text.ReplaceLineEndings("\\n") + "\"");
            case Array { Rank: > 1 } array:
                return string.Join("×", Enumerable.Range(0, array.Rank).Select(array.GetLength));
        }

        var type = value.GetType();
        if (type.GetProperty("RowCount")?.GetValue(value) is int rows && type.GetProperty("ColumnCount")?.GetValue(value) is int columns)
        {
            return $"{rows}×{columns}";
        }

        if (value is ICollection collection)
        {
            return collection.Count == 1 ? "1 item" : $"{collection.Count} items";
        }

        string shown;
        try
        {
            shown = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            shown = $"({e.GetType().Name} from ToString)";
        }

        return Cut(shown.ReplaceLineEndings(" "));
    }

    /// <summary>A type as C# writes it: <c>int</c>, <c>double[]</c>, <c>Matrix&lt;double&gt;</c>, <c>(int, string)</c>.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        var keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.Char => "char",
            TypeCode.Decimal => "decimal",
            TypeCode.Double => "double",
            TypeCode.Int16 => "short",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.SByte => "sbyte",
            TypeCode.Single => "float",
            TypeCode.String => "string",
            TypeCode.UInt16 => "ushort",
            TypeCode.UInt32 => "uint",
            TypeCode.UInt64 => "ulong",
            _ => type == typeof(object) ? "object" : null,
        };
        if (keyword is not null && !type.IsEnum)
        {
            return keyword;
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var arguments = type.GetGenericArguments().Select(TypeName);
        if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            return "(" + string.Join(", ", arguments) + ")";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick >= 0 ? name[..tick] : name) + "<" + string.Join(", ", arguments) + ">";
    }

    /// <summary>The CPU and wall times as IPython's %%time formats them: three significant digits, in s, ms or µs.</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = span.TotalSeconds;
        if (seconds >= 60)
        {
            var minutes = Math.Floor(seconds / 60);
            return $"{minutes.ToString(CultureInfo.InvariantCulture)}min {(seconds - minutes * 60).ToString("0", CultureInfo.InvariantCulture)}s";
        }

        var (scaled, unit) = seconds >= 1 ? (seconds, "s") : seconds >= 1e-3 ? (seconds * 1e3, "ms") : seconds > 0 ? (seconds * 1e6, "µs") : (0.0, "ns");
        return scaled.ToString("G3", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>One variable per name, the latest declaration's, in the order the names were first declared.</summary>
    private static List<ScriptVariable> Latest(IReadOnlyList<ScriptVariable> variables)
    {
        var latest = new Dictionary<string, ScriptVariable>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var variable in variables)
        {
            if (!latest.ContainsKey(variable.Name))
            {
                order.Add(variable.Name);
            }

            latest[variable.Name] = variable;
        }

        return order.Select(name => latest[name]).ToList();
    }

    private static (TimeSpan User, TimeSpan System) ProcessorTimes()
    {
        using var process = Process.GetCurrentProcess();
        return (process.UserProcessorTime, process.PrivilegedProcessorTime);
    }

    private static string Cut(string text) => text.Length <= ValueWidth ? text : text[..(ValueWidth - 1)] + "…";

    private static void Show(CellContext context, string text)
    {
        context.FlushStreams();
        if (!context.Closed)
        {
            ConsoleRouter.Publishing(() => context.Publisher.Display(MimeBundle.PlainText(text), null));
        }
    }
}
