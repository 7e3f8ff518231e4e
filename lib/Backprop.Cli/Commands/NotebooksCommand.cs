using System.CommandLine;

namespace Backprop.Cli.Commands;

/// <summary>`backprop notebooks`.</summary>
public static class NotebooksCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("notebooks", "(not yet implemented)");
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () => throw new NotImplementedException("backprop notebooks is not implemented yet")));
        return command;
    }
}
