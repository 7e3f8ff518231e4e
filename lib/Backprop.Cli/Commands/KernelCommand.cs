using System.CommandLine;

namespace Backprop.Cli.Commands;

/// <summary>`backprop kernel`.</summary>
public static class KernelCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("kernel", "(not yet implemented)");
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () => throw new NotImplementedException("backprop kernel is not implemented yet")));
        return command;
    }
}
