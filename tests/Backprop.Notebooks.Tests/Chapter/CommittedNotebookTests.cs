using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Tests.Chapter;

/// <summary>What every committed chapter notebook must be, read as plain JSON.</summary>
public sealed class CommittedNotebookTests
{
    private static JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(ChapterNotebooks.PathOf(name)))!.AsObject();

    private static IEnumerable<JsonObject> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code");

    private static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };

    [Fact]
    public void The_chapter_is_exactly_the_seven_notebooks_in_reading_order()
    {
        var files = Directory.GetFiles(ChapterNotebooks.Folder, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(ChapterNotebooks.Names, files);
    }

    [Theory]
    [MemberData(nameof(ChapterNotebooks.All), MemberType = typeof(ChapterNotebooks))]
    public void Is_committed_executed_with_outputs_and_no_errors(string name)
    {
        var cells = CodeCells(Read(name)).ToList();

        Assert.NotEmpty(cells);
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            Assert.True(cell["execution_count"] is JsonValue, $"{name}: code cell {i + 1} has no execution count — run the notebook before committing");
            var outputs = cell["outputs"]!.AsArray();
            Assert.DoesNotContain(outputs, o => (string?)o!["output_type"] == "error");
            Assert.DoesNotContain(outputs, o => (string?)o!["output_type"] == "stream" && (string?)o["name"] == "stderr");
        }
        Assert.Equal(Enumerable.Range(1, cells.Count), cells.Select(c => (int)c["execution_count"]!));
    }

    [Theory]
    [MemberData(nameof(ChapterNotebooks.All), MemberType = typeof(ChapterNotebooks))]
    public void Keeps_the_Polyglot_metadata(string name)
    {
        var notebook = Read(name);
        var metadata = notebook["metadata"]!;

        Assert.Equal(".net-csharp", (string?)metadata["kernelspec"]!["name"]);
        Assert.Equal(".NET (C#)", (string?)metadata["kernelspec"]!["display_name"]);
        Assert.Equal("csharp", (string?)metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.All(CodeCells(notebook), c =>
        {
            Assert.Equal("csharp", (string?)c["metadata"]!["polyglot_notebook"]!["kernelName"]);
            Assert.Equal("csharp", (string?)c["metadata"]!["dotnet_interactive"]!["language"]);
        });
    }

    [Fact]
    public void Every_notebook_starts_with_the_same_setup_cell_loading_the_library()
    {
        var setups = ChapterNotebooks.Names.Select(n => Source(CodeCells(Read(n)).First())).ToList();

        Assert.All(setups, s => Assert.Equal(setups[0], s));
        Assert.Contains("#r \"../lib/Backprop/bin/Release/net8.0/Backprop.dll\"", setups[0]);
    }

    [Theory]
    [MemberData(nameof(ChapterNotebooks.All), MemberType = typeof(ChapterNotebooks))]
    public void Follows_the_template_what_you_will_learn_then_exercises_with_Korean_terms(string name)
    {
        var markdown = string.Join("\n", Read(name)["cells"]!.AsArray().Select(c => c!.AsObject())
            .Where(c => (string?)c["cell_type"] == "markdown").Select(Source));

        Assert.StartsWith("# ", markdown);
        Assert.Contains("What you will learn", markdown);
        Assert.Contains("Exercises", markdown);
        Assert.Matches("[\uAC00-\uD7A3]", markdown);
    }

    [Fact]
    public void The_chapters_worked_numbers_appear_in_the_outputs()
    {
        string Outputs(string name) => string.Join("\n", CodeCells(Read(name)).SelectMany(c => c["outputs"]!.AsArray())
            .Select(o => o!["text"] is { } text ? Source(new JsonObject { ["source"] = text.DeepClone() })
                : o["data"]?["text/plain"] is { } plain ? Source(new JsonObject { ["source"] = plain.DeepClone() }) : ""));

        var graph = Outputs("01-computational-graph");
        foreach (var number in new[] { "220", "2.2", "110", "200", "715", "3.3", "165", "650" })
        {
            Assert.Contains(number, graph);
        }
        var affine = Outputs("03-affine-and-softmax-with-loss");
        Assert.Contains("-0.8", affine);
        Assert.Matches("5.*7.*9", affine);
    }
}
