using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Running;

/// <summary>The headless runner takes no input: a cell that reads the console fails at once, with a clear error.</summary>
[Collection(ConsoleInputCollection.Name)]
public sealed class StdinInRunnerTests
{
    [Fact]
    public async Task Console_ReadLine_in_a_cell_fails_at_once_naming_the_reason()
    {
        var notebook = NotebookBuilder.Create("var before = 1;", "Console.WriteLine(\"asking\");\nvar line = Console.ReadLine();");
        var options = new NotebookRunOptions { CellTimeout = TimeSpan.FromMinutes(2) };

        var result = await NotebookRunner.ExecuteAsync(notebook, Fixture.NewFolder(), "stdin.ipynb", options, CancellationToken.None);

        var cell = result.Cells[^1];
        Assert.Equal(CellRunStatus.Failed, cell.Status);
        Assert.Equal("InvalidOperationException", cell.Error!.EName);
        Assert.StartsWith("Console.ReadLine: this frontend does not accept input (allow_stdin is false", cell.Error.EValue);
        Assert.True(cell.Elapsed < TimeSpan.FromSeconds(60), $"the cell waited {cell.Elapsed.TotalSeconds:F0} s");
    }
}
