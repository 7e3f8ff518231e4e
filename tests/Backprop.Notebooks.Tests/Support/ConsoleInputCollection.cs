namespace Backprop.Notebooks.Tests.Support;

/// <summary>
/// Tests that read the process's one Console.In run alone: a cell that reads the console finds its own
/// context through the cell started last, which another test's notebook running at the same time would be.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleInputCollection
{
    public const string Name = "Console input";
}
