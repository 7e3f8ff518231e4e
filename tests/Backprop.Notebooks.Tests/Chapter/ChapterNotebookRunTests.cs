using System.Text.Json.Nodes;
using Backprop.Notebooks.Running;

namespace Backprop.Notebooks.Tests.Chapter;

/// <summary>
/// Every chapter notebook runs top to bottom with the headless runner, as it would on a fresh
/// clone after the README's build; nothing is written back.
/// </summary>
public sealed class ChapterNotebookRunTests
{
    [Theory]
    [MemberData(nameof(ChapterNotebooks.All), MemberType = typeof(ChapterNotebooks))]
    public async Task Runs_top_to_bottom_headless(string name)
    {
        var path = ChapterNotebooks.PathOf(name);
        var before = File.ReadAllBytes(path);

        var result = await NotebookRunner.RunAsync(path, new NotebookRunOptions { Check = true }, CancellationToken.None);

        Assert.True(result.Succeeded, $"{name}: {result.Failure}");
        Assert.False(result.Written);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("01-computational-graph")]
    [InlineData("02-activation-layers")]
    [InlineData("03-affine-and-softmax-with-loss")]
    public async Task Deterministic_notebooks_reproduce_their_committed_text_outputs(string name)
    {
        var path = ChapterNotebooks.PathOf(name);
        var committed = TextOutputs(File.ReadAllText(path));

        var result = await NotebookRunner.RunAsync(path, new NotebookRunOptions { Check = true }, CancellationToken.None);

        Assert.True(result.Succeeded, $"{name}: {result.Failure}");
        var fresh = TextOutputs(result.Notebook.ToJson());
        Assert.Equal(committed, fresh);
    }

    private static List<string> TextOutputs(string json) =>
        JsonNode.Parse(json)!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .SelectMany(c => c!["outputs"]!.AsArray())
            .Select(o => (o!["text"] ?? o["data"]?["text/plain"])?.ToJsonString() ?? "")
            .ToList();
}
