using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Backprop.Interactive;

/// <summary>
/// Compiles a cell as <see cref="InterruptRewriter"/> rewrites it. Expression lambdas whose value cannot be
/// wrapped are left out and the cell compiled again; a cell with errors is compiled as written, so that its
/// messages speak of the code the learner wrote; a cell that compiles only as written runs as written.
/// </summary>
internal static class InterruptibleCompilation
{
    private const int Rounds = 4;

    /// <summary>False when BACKPROP_INTERRUPT_CHECKS=0: cells compile as written (to measure what the checks cost).</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("BACKPROP_INTERRUPT_CHECKS") != "0";

    /// <summary>The script to run and its diagnostics (errors, if any, are of the cell as written).</summary>
    public static (Script<object> Script, ImmutableArray<Diagnostic> Diagnostics) Compile(
        string code, Func<string, Script<object>> create, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            var written = create(code);
            return (written, written.Compile(cancellationToken));
        }

        var unwrapped = new HashSet<int>();
        for (var round = 0; round < Rounds; round++)
        {
            var rewritten = InterruptRewriter.Rewrite(code, unwrapped);
            if (rewritten is null)
            {
                break;
            }

            var script = create(rewritten.ToFullString());
            var diagnostics = script.Compile(cancellationToken);
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                return (script, diagnostics);
            }

            var blamed = errors
                .Select(e => InterruptRewriter.WrappedLambdaAt(rewritten, e.Location.SourceSpan))
                .OfType<int>()
                .Count(unwrapped.Add);
            if (blamed == 0)
            {
                break;
            }
        }

        var asWritten = create(code);
        var own = asWritten.Compile(cancellationToken);
        if (own.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return (asWritten, own);
        }

        // Compiles as written but not with wrapped lambdas: loops and methods still get their checks.
        if (InterruptRewriter.Rewrite(code, unwrapped, wrapLambdas: false) is { } loopsOnly)
        {
            var script = create(loopsOnly.ToFullString());
            var diagnostics = script.Compile(cancellationToken);
            if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return (script, diagnostics);
            }
        }

        return (asWritten, own);
    }
}
