namespace Backprop.Interactive.Tests;

public sealed class CompletionTests
{
    [Fact]
    public async Task Completion_offers_Sqrt_for_Math_Sqr_with_the_span_of_Sqr()
    {
        using var session = new Session();
        var code = "var x = 3;\nMath.Sqr";
        var outcome = await session.Interpreter.CompleteAsync(code, code.Length, default);
        Assert.Contains("Sqrt", outcome.Matches);
        Assert.Equal(code.Length - 3, outcome.CursorStart);
        Assert.Equal(code.Length, outcome.CursorEnd);
        Assert.All(outcome.Matches, m => Assert.StartsWith("Sqr", m, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Completion_knows_variables_of_earlier_cells()
    {
        using var session = new Session();
        await session.ValueAsync("using System.Text;\nvar learningRate = 0.1;");
        await session.ValueAsync("6*7");
        var outcome = await session.Interpreter.CompleteAsync("learning", 8, default);
        Assert.Contains("learningRate", outcome.Matches);
        var builder = await session.Interpreter.CompleteAsync("new StringBui", 13, default);
        Assert.Contains("StringBuilder", builder.Matches);
        var members = await session.Interpreter.CompleteAsync("var numbers = new List<int>();\nnumbers.AddR", 43, default);
        Assert.Contains("AddRange", members.Matches);
    }

    [Fact]
    public async Task Completion_knows_the_script_globals()
    {
        using var session = new Session();
        var outcome = await session.Interpreter.CompleteAsync("Cancellation", 12, default);
        Assert.Contains("CancellationToken", outcome.Matches);
    }

    [Fact]
    public async Task Warm_up_leaves_the_session_ready_for_cells_and_completion()
    {
        using var session = new Session();
        session.Interpreter.WarmUp(editorServices: true);
        var first = await session.RunAsync("6*7");
        await session.Interpreter.WarmUpCompletion;
        Assert.Equal("42", first.Result!.Data["text/plain"]!.GetValue<string>());
        Assert.Equal(1, first.ExecutionCount);
        Assert.Contains("Sqrt", (await session.Interpreter.CompleteAsync("Math.Sqr", 8, default)).Matches);
        Assert.Contains("error CS0103", (await session.RunAsync("warm")).Error!.Value);
    }

    [Fact]
    public async Task Inspection_shows_signature_and_documentation()
    {
        using var session = new Session();
        var outcome = await session.Interpreter.InspectAsync("Math.Sqrt", 9, 0, default);
        Assert.True(outcome.Found);
        var text = outcome.Data!.Data["text/plain"]!.GetValue<string>();
        Assert.StartsWith("double Math.Sqrt(double d)", text);
        Assert.Contains("square root", text);
    }

    [Fact]
    public async Task Inspection_of_nothing_is_not_found()
    {
        using var session = new Session();
        var outcome = await session.Interpreter.InspectAsync("   ", 1, 0, default);
        Assert.False(outcome.Found);
    }

    [Theory]
    [InlineData("1+1", "complete")]
    [InlineData("var x = 1;", "complete")]
    [InlineData("for (var i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("Math.Max(1,", "incomplete")]
    [InlineData("var = ;", "invalid")]
    [InlineData("Console.WriteLine(1));", "invalid")]
    [InlineData("x", "complete")]
    [InlineData("for (var i = 0; i < 3; i++)\n{", "incomplete")]
    [InlineData("var s = Math.Max(1,", "incomplete")]
    [InlineData("#!fsharp", "invalid")]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.1\"", "complete")]
    public void Is_complete_tells_complete_incomplete_and_invalid(string code, string status)
    {
        using var session = new Session();
        Assert.Equal(status, session.Interpreter.IsComplete(code).Status);
    }

    [Fact]
    public void Incomplete_block_suggests_an_indent()
    {
        using var session = new Session();
        Assert.Equal("    ", session.Interpreter.IsComplete("for (var i = 0; i < 3; i++) {").Indent);
    }
}
