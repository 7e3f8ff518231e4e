using System.CommandLine;

namespace Backprop.Cli;

/// <summary>
/// Runs a command's body so that a failure becomes one clear line on stderr and a non-zero exit
/// code; the stack trace is printed only with <c>--verbose</c>.
/// </summary>
public static class CommandFailure
{
    /// <summary>Exit code for bad input (a file, a shape, an option value).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a run that stopped (interrupted, diverged, a failing notebook cell).</summary>
    public const int Failed = 1;

    /// <summary>Runs <paramref name="body"/>, turning exceptions into a message and an exit code.</summary>
    public static int Run(ParseResult parseResult, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Report(parseResult, e);
        }
    }

    /// <summary>Async form of <see cref="Run(ParseResult, Func{int})"/>.</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Report(parseResult, e);
        }
    }

    private static int Report(ParseResult parseResult, Exception e)
    {
        var verbose = parseResult.GetValue(CommonOptions.Verbose);
        var error = parseResult.InvocationConfiguration.Error;
        error.WriteLine($"error: {MessageOf(e)}");
        if (verbose)
        {
            error.WriteLine(e.ToString());
        }
        return ExitCodeFor(e);
    }

    /// <summary>The one line an error shows: an ArgumentException's message without the " (Parameter 'name')" that says nothing at a prompt.</summary>
    internal static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;

    /// <summary><see cref="BadInput"/> for bad input (a file, a shape, an option value), else <see cref="Failed"/>.</summary>
    internal static int ExitCodeFor(Exception e) =>
        e is ArgumentException or FormatException or InvalidDataException or FileNotFoundException
            or DirectoryNotFoundException or System.Text.Json.JsonException
            ? BadInput
            : Failed;
}
