using System.CommandLine;
using Spectre.Console;

namespace Backprop.Cli;

/// <summary>The Spectre console of one command invocation, writing where the invocation's output goes.</summary>
public static class CliConsole
{
    /// <summary>A console over the invocation's output (stdout, or a test's writer).</summary>
    public static IAnsiConsole For(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        if (ReferenceEquals(output, Console.Out))
        {
            return AnsiConsole.Console;
        }
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }
}
