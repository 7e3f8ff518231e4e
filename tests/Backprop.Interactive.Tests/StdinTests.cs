using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

/// <summary>Console.ReadLine in a cell reads from the frontend when it takes input, and fails at once when it does not.</summary>
public sealed class StdinTests
{
    private sealed class Answers(params string[] lines) : IInputProvider
    {
        private readonly Queue<string> _lines = new(lines);

        public List<string> Prompts { get; } = [];

        public async Task<string> ReadLineAsync(string prompt, bool password, CancellationToken cancellationToken)
        {
            Prompts.Add(prompt);
            if (_lines.Count > 0)
            {
                return _lines.Dequeue();
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "";
        }
    }

    [Fact]
    public async Task ReadLine_Read_and_ReadKey_return_what_the_frontend_answers()
    {
        using var session = new Session();
        var answers = new Answers("Ada", "xy", "q");
        var outcome = await session.Interpreter.ExecuteAsync(
            new ExecutionRequest("Console.Write(\"name? \");\nvar name = Console.ReadLine();\nvar c = (char)Console.Read();\nvar key = Console.ReadKey();\n$\"{name}/{c}/{key.KeyChar}\"", Input: answers),
            session.Publisher, CancellationToken.None);

        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        Assert.Equal("Ada/x/q", outcome.Result!.Data["text/plain"]!.GetValue<string>());
        Assert.Equal("name? ", session.Publisher.StreamText("stdout"));
        Assert.Equal(3, answers.Prompts.Count);
    }

    [Fact]
    public async Task ReadLine_fails_at_once_where_the_frontend_takes_no_input()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("var line = Console.ReadLine();");

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("InvalidOperationException", outcome.Error!.Name);
        Assert.StartsWith("Console.ReadLine: this frontend does not accept input (allow_stdin is false", outcome.Error.Value);
    }

    [Fact]
    public async Task Interrupt_ends_a_pending_ReadLine_and_keeps_the_variables()
    {
        using var session = new Session();
        await session.ValueAsync("var kept = 7;");
        using var interrupt = new CancellationTokenSource();
        var answers = new Answers();
        var publisher = new RecordingPublisher { OnStream = (_, text) => { if (text.Contains("started")) interrupt.CancelAfter(200); } };
        var outcome = await session.Interpreter.ExecuteAsync(
            new ExecutionRequest("Console.WriteLine(\"started\");\nvar line = Console.ReadLine();", Input: answers), publisher, interrupt.Token);

        Assert.Equal(ExecutionStatus.Aborted, outcome.Status);
        Assert.Equal("cell interrupted", outcome.Error!.Value);
        Assert.Single(answers.Prompts);
        Assert.Equal("7", await session.ValueAsync("kept"));
    }
}
