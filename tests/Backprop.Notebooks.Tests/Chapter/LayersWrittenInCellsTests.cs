using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests.Chapter;

/// <summary>
/// Notebooks 01–04 as committed: each layer is written in a cell where it is taught, run on the
/// chapter's numbers, and shown to agree with the library's class before the library's is used.
/// </summary>
public sealed partial class LayersWrittenInCellsTests
{
    private static JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(ChapterNotebooks.PathOf(name)))!.AsObject();

    private static List<JsonObject> Cells(string name) => Read(name)["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node ?? "",
    };

    private static bool IsCode(JsonObject cell) => (string?)cell["cell_type"] == "code";

    private static string Source(JsonObject cell) => Text(cell["source"]);

    private static string Outputs(JsonObject cell) => !IsCode(cell) ? "" : string.Join("\n", cell["outputs"]!.AsArray()
        .Select(o => o!["text"] is { } text ? Text(text) : Text(o["data"]?["text/plain"])));

    private static string AllOutputs(string name) => string.Join("\n", Cells(name).Select(Outputs));

    private static string Markdown(string name) => string.Join("\n", Cells(name).Where(c => !IsCode(c)).Select(Source));

    private static int FirstCodeCell(string name, string text) =>
        Cells(name).FindIndex(c => IsCode(c) && Source(c).Contains(text, StringComparison.Ordinal));

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\|ours − library\| = ([-+0-9.Ee]+)")]
    private static partial Regex OursAgainstLibrary();

    [Theory]
    [InlineData("01-computational-graph", "class MyMulLayer", "new MulLayer()")]
    [InlineData("01-computational-graph", "class MyAddLayer", "new AddLayer()")]
    [InlineData("02-activation-layers", "class MyRelu : ILayer", "new Relu()")]
    [InlineData("02-activation-layers", "class MySigmoid : ILayer", "new Sigmoid()")]
    [InlineData("03-affine-and-softmax-with-loss", "class MyAffine : ILayer", "new Affine(")]
    [InlineData("03-affine-and-softmax-with-loss", "class MySoftmaxWithLoss", "new SoftmaxWithLoss()")]
    [InlineData("04-gradient-check", "class MyTwoLayerNet", "new TwoLayerNet(")]
    public void Each_layer_is_written_in_a_cell_before_the_librarys_is_used(string name, string definition, string libraryUse)
    {
        var defined = FirstCodeCell(name, definition);
        var used = FirstCodeCell(name, libraryUse);

        Assert.True(defined > 0, $"{name}: no code cell defines `{definition}`");
        Assert.True(used > defined, $"{name}: `{libraryUse}` (cell {used}) comes before `{definition}` (cell {defined})");
    }

    [Theory]
    [InlineData("01-computational-graph", 1)]
    [InlineData("02-activation-layers", 4)]
    [InlineData("03-affine-and-softmax-with-loss", 8)]
    [InlineData("04-gradient-check", 7)]
    public void The_cells_classes_give_the_librarys_outputs_and_gradients(string name, int comparisons)
    {
        var differences = OursAgainstLibrary().Matches(AllOutputs(name)).Select(m => Number(m.Groups[1].Value)).ToList();

        Assert.Equal(comparisons, differences.Count);
        Assert.All(differences, d => Assert.InRange(d, 0, 1e-12));
    }

    [Fact]
    public void Notebook_01_follows_the_books_order_from_local_computation_to_the_apples()
    {
        var markdown = Markdown("01-computational-graph");
        string[] headings =
        [
            "## Local computation and forward propagation",
            "## Why solve problems with a graph?",
            "## The chain rule",
            "## Backward propagation on the graph",
            "## The nodes as layers",
            "## Buying apples with layers",
            "## Apples and oranges",
        ];

        var positions = headings.Select(h => markdown.IndexOf(h, StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Notebook_01_reaches_the_chapters_apple_numbers_with_the_cells_layers()
    {
        var outputs = AllOutputs("01-computational-graph");

        Assert.Contains("price to pay: 220.00000000000003", outputs);
        Assert.Contains("∂price/∂apple       = 2.2", outputs);
        Assert.Contains("∂price/∂tax         = 200", outputs);
        Assert.Contains("ours:    715.0000000000001  2.2  110.00000000000001  3.3000000000000003  165  650", outputs);
    }

    [Fact]
    public void Notebook_02_names_the_notes_relu_mistake_and_shows_both_rules_on_the_notes_array()
    {
        var markdown = Markdown("02-activation-layers");
        var outputs = AllOutputs("02-activation-layers");

        Assert.Contains("흔한 실수", markdown);
        Assert.Contains("backward (mask of x ≤ 0):      -0.1, 0, 0, -1.1", outputs);
        Assert.Contains("zeroing negative dout (wrong): 0, 4, 1.3, 0", outputs);
        Assert.Contains("mask:     the same? True", outputs);
        Assert.Contains("at x = 0.7: y = 0.668188, Backward(1) = 0.221713", outputs);
    }

    [Fact]
    public void Notebook_03_runs_the_cells_layers_on_the_notes_numbers()
    {
        var cells = Cells("03-affine-and-softmax-with-loss");
        var affineRun = Outputs(cells[FirstCodeCell("03-affine-and-softmax-with-loss", "var affine = new MyAffine(W, B);")]);
        var softmaxRun = Outputs(cells[FirstCodeCell("03-affine-and-softmax-with-loss", "var softmaxWithLoss = new MySoftmaxWithLoss();")]);

        Assert.Matches(@"\[5, 7, 9\]", affineRun);
        Assert.Contains("y = [0.3000, 0.2000, 0.5000], loss = 1.609437", softmaxRun);
        Assert.Matches(@"0\.3\s+-0\.8\s+0\.5", softmaxRun);
        Assert.Contains("Predicting needs no softmax", Markdown("03-affine-and-softmax-with-loss"));
    }

    [Fact]
    public void Notebook_04_steps_down_against_the_gradient_and_up_along_it()
    {
        var outputs = AllOutputs("04-gradient-check");
        double Loss(string label) => Number(Regex.Match(outputs, Regex.Escape(label) + @"[^\n]*?(\d+\.\d+)\n").Groups[1].Value);

        var now = Loss("loss now:");
        var against = Loss("after a step against the gradient");
        var along = Loss("after a step along the gradient");

        Assert.Contains("기울기는 손실 함수의 값을 가장 작게 하는 방향을 제시한다", Markdown("04-gradient-check"));
        Assert.InRange(now, 2.2, 2.4);
        Assert.True(against < now, $"a step against the gradient should lower the loss: {against} vs {now}");
        Assert.True(along > now, $"a step along the gradient should raise the loss: {along} vs {now}");
    }

    [Fact]
    public void Notebook_04_gradient_check_is_small_and_a_relu_kink_inflates_only_the_first_layer()
    {
        var outputs = AllOutputs("04-gradient-check");
        var before = Regex.Matches(outputs, @"(W1|b1|W2|b2): mean \|backprop − numerical\| = (\S+)   \(mean")
            .ToDictionary(m => m.Groups[1].Value, m => Number(m.Groups[2].Value));
        var kinked = Regex.Matches(outputs, @"(W1|b1|W2|b2): mean \|backprop − numerical\| = (\S+)   \(before")
            .ToDictionary(m => m.Groups[1].Value, m => Number(m.Groups[2].Value));

        Assert.Equal(new[] { "W1", "b1", "W2", "b2" }, before.Keys);
        Assert.All(before.Values, d => Assert.InRange(d, 0, 1e-6));
        Assert.True(kinked["W1"] > 100 * before["W1"], $"W1: {kinked["W1"]} vs {before["W1"]}");
        Assert.True(kinked["b1"] > 100 * before["b1"], $"b1: {kinked["b1"]} vs {before["b1"]}");
        Assert.Equal(before["W2"], kinked["W2"]);
        Assert.Equal(before["b2"], kinked["b2"]);
    }

    [Theory]
    [InlineData("01-computational-graph")]
    [InlineData("02-activation-layers")]
    [InlineData("03-affine-and-softmax-with-loss")]
    [InlineData("04-gradient-check")]
    public void Teaches_the_chapter_without_engine_talk(string name)
    {
        var text = string.Join("\n", Cells(name).Select(Source));

        Assert.DoesNotMatch(@"\bJIT\b|just-in-time|\bcores?\b|single precision|\b\d+(\.\d+)?\s?[KMG]B\b|storage", text);
        Assert.DoesNotContain("teacher label", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_chapters_korean_terms_appear_where_they_belong()
    {
        Assert.Contains("합성 함수", Markdown("01-computational-graph"));
        Assert.Contains("국소적 미분", Markdown("01-computational-graph"));
        Assert.Contains("어파인 변환", Markdown("03-affine-and-softmax-with-loss"));
        Assert.Contains("정답 레이블", Markdown("03-affine-and-softmax-with-loss"));
        Assert.Contains("오차제곱합", Markdown("03-affine-and-softmax-with-loss"));
        Assert.Contains("항등 함수", Markdown("03-affine-and-softmax-with-loss"));
        Assert.Contains("매개변수 갱신", Markdown("04-gradient-check"));
    }
}
