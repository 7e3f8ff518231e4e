using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Tests.Support;

/// <summary>Builds small Polyglot C# notebooks for tests.</summary>
internal static class NotebookBuilder
{
    /// <summary>A notebook of cells: strings starting with "md:" are markdown, the rest code.</summary>
    public static NotebookDocument Create(params string[] cells)
    {
        var notebook = new NotebookDocument { Metadata = PolyglotMetadata.ForNotebook() };
        var id = 0;
        foreach (var cell in cells)
        {
            var markdown = cell.StartsWith("md:", StringComparison.Ordinal);
            notebook.Cells.Add(new NotebookCell(markdown ? "markdown" : "code", markdown ? cell[3..] : cell)
            {
                Id = $"cell-{++id}",
                Metadata = markdown ? new() : PolyglotMetadata.ForCodeCell(),
            });
        }
        return notebook;
    }

    /// <summary>Writes the notebook into a new scratch folder and returns its path.</summary>
    public static string Save(NotebookDocument notebook, string name = "test.ipynb")
    {
        var path = Path.Combine(Fixture.NewFolder(), name);
        notebook.Save(path);
        return path;
    }
}
