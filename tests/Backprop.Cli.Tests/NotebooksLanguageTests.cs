using System.Text.Json.Nodes;

namespace Backprop.Cli.Tests;

/// <summary>Runs of notebooks that switch the library's language (process-wide): alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebooksLanguageCollection
{
    public const string Name = "notebooks that switch Text.Language";
}

[Collection(NotebooksLanguageCollection.Name)]
public sealed class NotebooksLanguageTests : IDisposable
{
    private static readonly string Library = Path.Combine(AppContext.BaseDirectory, "Backprop.dll");

    private readonly string folder = Path.Combine(Path.GetTempPath(), "backprop-cli-tests", Guid.NewGuid().ToString("N"));

    public NotebooksLanguageTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        Backprop.Text.Language = Backprop.Language.English;
        Directory.Delete(folder, recursive: true);
    }

    private string Notebook(string name, params string[] cells) => TestNotebooks.Write(folder, name, cells);

    private static string PlainText(string path, int cell) => TestNotebooks.PlainText(path, cell);

    [Fact]
    public void A_notebook_after_one_that_switched_to_Korean_starts_in_English_again()
    {
        var matrix = "MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 3)";
        var korean = Notebook("a-korean.ipynb", $"#r \"{Library}\"\nusing Backprop;\nText.Language = Language.Korean;", matrix);
        var english = Notebook("b-english.ipynb", $"#r \"{Library}\"\nusing Backprop;", matrix);

        var run = CliRun.Of("notebooks", "run", korean, english);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("행렬 2×3", PlainText(korean, 1));
        Assert.StartsWith("Matrix 2×3", PlainText(english, 1));
    }
}
