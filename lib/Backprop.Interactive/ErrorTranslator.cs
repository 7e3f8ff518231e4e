using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Backprop.Interactive;

/// <summary>Compiler diagnostics and exceptions as Jupyter errors, with the cell's own line numbers and user frames only.</summary>
internal static partial class ErrorTranslator
{
    /// <summary>ename of a cell that did not compile.</summary>
    public const string CompilationError = "CompilationError";

    /// <summary>ename of a bad <c>#r</c>, <c>#i</c> or <c>#!</c> line.</summary>
    public const string DirectiveError = "DirectiveError";

    private static readonly string[] InfrastructureFrames =
    [
        "System.Runtime.CompilerServices.",
        "System.Runtime.ExceptionServices.",
        "System.Threading.Tasks.",
        "System.Threading.ExecutionContext",
        "Microsoft.CodeAnalysis.",
        "Backprop.Interactive.",
        "--- End of stack trace",
    ];

    /// <summary>"(2,5): error CS0103: The name 'x' does not exist in the current context" for each error.</summary>
    public static ErrorInfo FromDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(Describe)
            .ToList();
        return new ErrorInfo(CompilationError, lines.Count == 0 ? "the cell did not compile" : string.Join("\n", lines), lines);
    }

    public static string Describe(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"({position.Line + 1},{position.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    }

    /// <summary>ename = the exception's type name, evalue = its message, traceback = the user's frames.</summary>
    public static ErrorInfo FromException(Exception exception)
    {
        exception = Unwrap(exception);
        var traceback = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        traceback.AddRange(UserFrames(exception.StackTrace));
        if (exception.InnerException is { } inner)
        {
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
            traceback.AddRange(UserFrames(inner.StackTrace));
        }

        return new ErrorInfo(exception.GetType().Name, exception.Message, traceback);
    }

    internal static IEnumerable<string> UserFrames(string? stackTrace)
    {
        if (string.IsNullOrEmpty(stackTrace))
        {
            return [];
        }

        var lines = stackTrace.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var lastCellFrame = lines.FindLastIndex(l => l.Contains("Submission#", StringComparison.Ordinal));
        if (lastCellFrame >= 0)
        {
            lines = lines.Take(lastCellFrame + 1).ToList();
        }

        return lines
            .Where(l => !InfrastructureFrames.Any(f => l.TrimStart().StartsWith("at " + f, StringComparison.Ordinal) || l.TrimStart().StartsWith(f, StringComparison.Ordinal)))
            .Select(l => SubmissionFrame().Replace(l, "<cell>"))
            .Select(l => SubmissionPrefix().Replace(l, ""))
            .Select(l => CellLocation().Replace(l, "in cell [${cell}], line ${line}"));
    }

    private static Exception Unwrap(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => exception,
    };

    [GeneratedRegex(@"Submission#\d+\.<<Initialize>>d__\d+\.MoveNext\(\)")]
    private static partial Regex SubmissionFrame();

    [GeneratedRegex(@"in \S*cell(?<cell>\d+):line (?<line>\d+)")]
    private static partial Regex CellLocation();

    [GeneratedRegex(@"Submission#\d+\.")]
    private static partial Regex SubmissionPrefix();
}
