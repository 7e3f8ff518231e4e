using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Tests.Chapter;

/// <summary>
/// What notebooks 05–07 teach, read from the committed notebooks: the training loop written out and
/// agreeing with <c>Trainer.Run</c>, the accuracy it reaches, the plain-function network retracing the
/// library's run, and prose that is the lesson only.
/// </summary>
public sealed class TrainingNotebookTests
{
    private const string Training = "05-training";
    private const string FromScratch = "06-from-scratch-without-classes";
    private const string Beyond = "07-beyond-the-chapter";

    private static List<JsonObject> Cells(string name) =>
        JsonNode.Parse(File.ReadAllText(ChapterNotebooks.PathOf(name)))!["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        null => "",
        var text => (string?)text ?? "",
    };

    private static string CodeSource(string name) =>
        string.Join("\n", Cells(name).Where(c => (string?)c["cell_type"] == "code").Select(c => Text(c["source"])));

    /// <summary>Every cell's source but the setup cell's and the markdown just before it, which are the same in every notebook.</summary>
    private static string LessonText(string name)
    {
        var cells = Cells(name);
        var setup = cells.FindIndex(c => (string?)c["cell_type"] == "code");
        return string.Join("\n", cells.Where((_, i) => i != setup && i != setup - 1).Select(c => Text(c["source"])));
    }

    private static string TextOutputs(string name) =>
        string.Join("\n", Cells(name).Where(c => (string?)c["cell_type"] == "code")
            .SelectMany(c => c["outputs"]!.AsArray())
            .Select(o => Text(o!["text"] ?? o["data"]?["text/plain"])));

    private static double Number(string outputs, string pattern)
    {
        var match = Regex.Match(outputs, pattern);
        Assert.True(match.Success, $"no output matches /{pattern}/");
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static int[] EpochAxisOfAccuracyChart(string name)
    {
        var chart = Cells(name).Where(c => (string?)c["cell_type"] == "code")
            .SelectMany(c => c["outputs"]!.AsArray())
            .Select(o => o!["data"]?["application/vnd.plotly.v1+json"])
            .First(figure => figure is not null && Text(figure["layout"]?["title"]?["text"]).StartsWith("Accuracy per epoch", StringComparison.Ordinal))!;
        return chart["data"]![0]!["x"]!.AsArray().Select(x => (int)x!).ToArray();
    }

    [Fact]
    public void Notebook_05_writes_out_the_books_loop_gradient_then_update_of_each_parameter()
    {
        var code = CodeSource(Training);

        Assert.Contains("network.Gradient(xBatch, tBatch, out var loss)", code);
        Assert.Contains("param.Subtract(learningRate * grad[key], param)", code);
        Assert.Contains("random.Next(trainSize)", code);
        Assert.Contains("i % iterPerEpoch == 0", code);
        Assert.Contains("new Trainer(libraryNetwork, data, options).Run()", code);
    }

    [Fact]
    public void Notebook_05_hand_loop_and_Trainer_give_the_same_loss_curve_and_accuracies()
    {
        var outputs = TextOutputs(Training);

        Assert.Contains("loss curves: 10000 and 10000 values", outputs);
        Assert.InRange(Number(outputs, @"loss curves: \d+ and \d+ values, largest difference (\S+)"), 0, 1e-12);
        Assert.Contains("accuracies: 17 and 17 evaluations", outputs);
        Assert.Equal(0, Number(outputs, @"accuracies: \d+ and \d+ evaluations, largest difference (\S+)"));
        Assert.InRange(Number(outputs, @"final weights: largest difference (\S+)"), 0, 1e-12);
    }

    [Fact]
    public void Notebook_05_reaches_the_chapters_accuracy()
    {
        var outputs = TextOutputs(Training);

        Assert.InRange(Number(outputs, @"after 10000 iterations: train accuracy \S+, test accuracy (\S+)"), 0.965, 0.99);
        Assert.InRange(Number(outputs, @"after 10000 iterations: train accuracy (\S+),"), 0.97, 1.0);
        Assert.DoesNotContain("Note: the chapter's settings reach", outputs);
    }

    [Fact]
    public void Notebook_05_warns_instead_of_throwing_when_the_accuracy_is_low()
    {
        var code = CodeSource(Training);

        Assert.Contains("if (finalTest < 0.965)", code);
        Assert.DoesNotContain("throw new", code);
    }

    [Fact]
    public void Notebook_06_writes_the_backward_pass_with_plain_transposes()
    {
        var code = CodeSource(FromScratch);

        Assert.Contains("dY * cache.W.Transpose(), cache.X.Transpose() * dY, dY.ColumnSums()", code);
        Assert.DoesNotContain("TransposeAndMultiply", code);
        Assert.DoesNotContain("TransposeThisAndMultiply", code);
    }

    [Fact]
    public void Notebook_06_plain_functions_retrace_the_librarys_run_with_the_same_seed()
    {
        var outputs = TextOutputs(FromScratch);

        Assert.Contains("same initial W1 as ours: True", outputs);
        Assert.InRange(Number(outputs, @"library sigmoid vs ours: largest loss difference (\S+),"), 0, 1e-9);
        Assert.Equal(0, Number(outputs, @"largest test-accuracy difference (\S+)"));
        var ours = Number(outputs, @"final test accuracy: ours \(sigmoid\) (\S+),");
        var relu = Number(outputs, @"library ReLU (\S+) ");
        Assert.InRange(ours, 0.93, 0.97);
        Assert.True(relu > ours, $"the ReLU network ({relu}) should end above the sigmoid network ({ours})");
    }

    [Fact]
    public void Notebook_06_shows_the_notes_label_mix_up_scoring_like_a_guess()
    {
        var outputs = TextOutputs(FromScratch);

        Assert.InRange(Number(outputs, @"test images with their own labels: +(\S+)"), 0.85, 1.0);
        Assert.InRange(Number(outputs, @"training images with the test labels: +(\S+)"), 0.0, 0.25);
    }

    [Fact]
    public void Notebooks_05_and_06_number_the_epochs_of_their_accuracy_charts_alike()
    {
        var training = EpochAxisOfAccuracyChart(Training);
        var fromScratch = EpochAxisOfAccuracyChart(FromScratch);

        Assert.Equal(Enumerable.Range(0, 17), training);
        Assert.Equal(training, fromScratch);
    }

    [Theory]
    [InlineData(Training)]
    [InlineData(FromScratch)]
    [InlineData(Beyond)]
    public void Teaches_the_lesson_without_engine_talk(string name)
    {
        var text = LessonText(name);

        Assert.DoesNotMatch(@"\b\d+(\.\d+)? ?(KB|MB|GB)\b", text);
        Assert.DoesNotMatch(@"(?i)\b(second )?cores?\b", text);
        Assert.DoesNotMatch(@"(?i)single precision|precision screening|rounding bound", text);
        Assert.DoesNotMatch(@"(?i)\bJIT\b|just-in-time", text);
        Assert.DoesNotContain("teacher label", text);
    }
}
