using System.Text.Json.Nodes;
using Backprop.Interactive;

namespace Backprop.Notebooks.Tests.Chapter;

/// <summary>Each notebook's setup cell checks the kernel before anything a wrong kernel would fail on, and costs nothing on ours.</summary>
public sealed class SetupCellKernelCheckTests
{
    private const string Check = "KernelCheck.RequireBackpropKernel();";

    private static string SetupCell(string name) =>
        JsonNode.Parse(File.ReadAllText(ChapterNotebooks.PathOf(name)))!["cells"]!.AsArray()
            .First(c => (string?)c!["cell_type"] == "code")!["source"]!.AsArray()
            .Aggregate("", (text, line) => text + (string?)line);

    [Theory]
    [MemberData(nameof(ChapterNotebooks.All), MemberType = typeof(ChapterNotebooks))]
    public void The_setup_cell_checks_the_kernel_right_after_its_using_directives(string name)
    {
        var lines = SetupCell(name).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var check = lines.FindIndex(l => l.StartsWith(Check, StringComparison.Ordinal));

        Assert.True(check > 0, $"{name}: the setup cell has no {Check}");
        Assert.All(lines.Take(check), l => Assert.True(l.StartsWith("#r ", StringComparison.Ordinal) || l.StartsWith("using ", StringComparison.Ordinal), $"{name}: '{l}' comes before the check"));
    }

    [Theory]
    [MemberData(nameof(ChapterNotebooks.All), MemberType = typeof(ChapterNotebooks))]
    public async Task On_the_C_sharp_Backprop_kernel_the_setup_cell_prints_only_its_usual_line(string name)
    {
        using var interpreter = new CSharpInterpreter(ChapterNotebooks.Folder);
        var publisher = new TextPublisher();

        var outcome = await interpreter.ExecuteAsync(new ExecutionRequest(SetupCell(name)), publisher, CancellationToken.None);

        Assert.True(outcome.Status == ExecutionStatus.Ok, $"{name}: {outcome.Error?.Value}");
        Assert.StartsWith("Backprop loaded; matrix products: ", publisher.Text("stdout"));
        Assert.Single(publisher.Text("stdout").TrimEnd().Split('\n'));
        Assert.Equal("", publisher.Text("stderr"));
    }

    private sealed class TextPublisher : IOutputPublisher
    {
        private readonly Dictionary<string, string> streams = [];

        public string Text(string stream) => streams.GetValueOrDefault(stream, "");

        public void Stream(string name, string text)
        {
            lock (streams)
            {
                streams[name] = Text(name) + text;
            }
        }

        public void Display(MimeBundle bundle, string? displayId) => Stream("display", "?");

        public void UpdateDisplay(MimeBundle bundle, string displayId) => Stream("display", "?");

        public void ClearOutput(bool wait)
        {
        }
    }
}
