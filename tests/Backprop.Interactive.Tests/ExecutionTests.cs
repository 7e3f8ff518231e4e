using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

public sealed class ExecutionTests
{
    [Fact]
    public async Task Trailing_expression_becomes_the_result()
    {
        using var session = new Session();
        Assert.Equal("42", await session.ValueAsync("6*7"));
    }

    [Fact]
    public async Task Statement_ending_in_a_semicolon_has_no_result()
    {
        using var session = new Session();
        Assert.Null(await session.ValueAsync("var y = 6*7;"));
        Assert.Null(await session.ValueAsync("Math.Max(y, 1);"));
    }

    [Fact]
    public async Task Variables_carry_over_to_later_cells()
    {
        using var session = new Session();
        await session.ValueAsync("var x = 20;");
        await session.ValueAsync("int Twice(int v) => 2 * v;");
        Assert.Equal("42", await session.ValueAsync("x + Twice(11)"));
    }

    [Fact]
    public async Task Using_directives_persist_across_cells()
    {
        using var session = new Session();
        await session.ValueAsync("using System.Text.Json;");
        Assert.Equal("[1,2]", await session.ValueAsync("JsonSerializer.Serialize(new[] { 1, 2 })"));
    }

    [Fact]
    public async Task Compile_error_reports_the_cells_own_line_and_column()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("var a = 1;\n    x + 1;");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("CompilationError", outcome.Error!.Name);
        Assert.StartsWith("(2,5): error CS0103: The name 'x' does not exist", outcome.Error.Value);
    }

    [Fact]
    public async Task Directive_lines_do_not_shift_compile_error_lines()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("#!csharp\nint y = 1;\n  zz++;");
        Assert.StartsWith("(3,3): error CS0103", outcome.Error!.Value);
    }

    [Fact]
    public async Task Exception_becomes_an_error_with_type_message_and_user_frames_only()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("void Fail() => throw new InvalidOperationException(\"boom\");\nFail();");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("InvalidOperationException", outcome.Error!.Name);
        Assert.Equal("boom", outcome.Error.Value);
        Assert.Equal("System.InvalidOperationException: boom", outcome.Error.Traceback[0]);
        Assert.Contains("   at Fail() in cell [1], line 1", outcome.Error.Traceback);
        Assert.Contains("   at <cell> in cell [1], line 2", outcome.Error.Traceback);
        Assert.DoesNotContain(outcome.Error.Traceback, line => line.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Error.Traceback, line => line.Contains("Backprop.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Error.Traceback, line => line.Contains("Submission#", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Variables_assigned_before_an_exception_survive_it()
    {
        using var session = new Session();
        await session.RunAsync("var before = 5; throw new Exception(\"x\");");
        Assert.Equal("5", await session.ValueAsync("before"));
    }

    [Fact]
    public async Task Formatter_that_throws_is_the_cells_error()
    {
        using var session = new Session();
        await session.ValueAsync("public sealed class Stubborn { }\nFormatter.Register<Stubborn>(_ => throw new InvalidOperationException(\"formatter broke\"), \"text/html\");");
        var outcome = await session.RunAsync("new Stubborn()");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Contains("formatter broke", outcome.Error!.Value);
        Assert.Equal("3", await session.ValueAsync("1 + 2"));
    }

    [Fact]
    public async Task Console_output_goes_to_the_cells_streams()
    {
        using var session = new Session();
        await session.ValueAsync("Console.WriteLine(\"hello\"); Console.Error.WriteLine(\"oops\"); Console.Write(\"no newline\");");
        Assert.Equal("hello\nno newline", session.Publisher.StreamText("stdout"));
        Assert.Equal("oops\n", session.Publisher.StreamText("stderr"));
    }

    [Fact]
    public async Task Console_output_from_a_worker_thread_reaches_the_cell()
    {
        using var session = new Session();
        await session.ValueAsync("await Task.Run(() => Console.WriteLine(\"from the pool\"));");
        Assert.Equal("from the pool\n", session.Publisher.StreamText("stdout"));
    }

    [Fact]
    public async Task Unknown_magic_is_an_error_naming_it()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("#!fsharp\nlet x = 1");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("DirectiveError", outcome.Error!.Name);
        Assert.Contains("'#!fsharp'", outcome.Error.Value);
    }

    [Fact]
    public async Task Csharp_magic_is_accepted()
    {
        using var session = new Session();
        Assert.Equal("3", await session.ValueAsync("#!csharp\n1 + 2"));
    }

    [Fact]
    public async Task Execution_count_and_history_follow_stored_cells()
    {
        using var session = new Session();
        Assert.Equal(1, session.Interpreter.ExecutionCount);
        var first = await session.RunAsync("1");
        var failing = await session.RunAsync("nope");
        var silent = await session.Interpreter.ExecuteAsync(new ExecutionRequest("2", Silent: true, StoreHistory: false), new RecordingPublisher(), default);
        Assert.Equal(1, first.ExecutionCount);
        Assert.Equal(2, failing.ExecutionCount);
        Assert.Equal(ExecutionStatus.Ok, silent.Status);
        Assert.Equal(3, session.Interpreter.ExecutionCount);
        Assert.Equal([new HistoryEntry(0, 1, "1"), new HistoryEntry(0, 2, "nope")], session.Interpreter.History);
    }

    [Fact]
    public async Task Page_returns_a_pager_payload()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("page(\"some help text\")");
        var payload = Assert.Single(outcome.Payload!);
        Assert.Equal("page", payload["source"]!.GetValue<string>());
        Assert.Equal("some help text", payload["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(0, payload["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task Help_pages_the_type_and_members()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("Help(new List<int>())");
        var text = outcome.Payload![0]["data"]!["text/plain"]!.GetValue<string>();
        Assert.Contains("System.Collections.Generic.List`1", text);
        Assert.Contains("Add(…)", text);
    }
}
