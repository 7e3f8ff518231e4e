using System.CommandLine;

namespace Backprop.Cli.Commands;

/// <summary>`backprop train`.</summary>
public static class TrainCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("train", "(not yet implemented)");
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () => throw new NotImplementedException("backprop train is not implemented yet")));
        return command;
    }
}
