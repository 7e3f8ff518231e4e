using System.CommandLine;
using Backprop.Cli.Commands;

namespace Backprop.Cli;

/// <summary>Entry point of the <c>backprop</c> command.</summary>
public static class Program
{
    /// <summary>Builds the command tree; tests call it to run commands in-process.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Backprop.Notebooks: chapter 5 of Deep Learning from Scratch in C#, and the notebooks' C# kernel.");
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(GradcheckCommand.Create());
        root.Subcommands.Add(KernelCommand.Create());
        root.Subcommands.Add(NotebooksCommand.Create());
        return root;
    }

    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args) => CreateRootCommand().Parse(args).Invoke();
}
