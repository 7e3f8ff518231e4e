using System.CommandLine;

namespace Backprop.Cli.Commands;

/// <summary>`backprop gradcheck`.</summary>
public static class GradcheckCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("gradcheck", "(not yet implemented)");
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () => throw new NotImplementedException("backprop gradcheck is not implemented yet")));
        return command;
    }
}
