using System.CommandLine;

namespace Backprop.Cli;

/// <summary>Options every subcommand understands.</summary>
public static class CommonOptions
{
    /// <summary>Show stack traces of errors, not just their one-line message.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show the full stack trace when something fails",
        Recursive = true,
    };
}
