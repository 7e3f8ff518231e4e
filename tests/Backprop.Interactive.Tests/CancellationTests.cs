using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

public sealed class CancellationTests
{
    [Fact]
    public async Task Interrupted_loop_is_aborted_and_the_session_keeps_its_variables()
    {
        using var session = new Session();
        await session.ValueAsync("var kept = 7;");

        using var interrupt = new CancellationTokenSource();
        var publisher = new RecordingPublisher { OnStream = (_, text) => { if (text.Contains("started")) interrupt.Cancel(); } };
        var outcome = await session.RunAsync(
            "Console.WriteLine(\"started\");\nlong n = 0;\nwhile (true) { CancellationToken.ThrowIfCancellationRequested(); n++; }",
            interrupt.Token,
            publisher);

        Assert.Equal(ExecutionStatus.Aborted, outcome.Status);
        Assert.Equal("OperationCanceledException", outcome.Error!.Name);
        Assert.Equal("cell interrupted", outcome.Error.Value);
        Assert.Equal("7", await session.ValueAsync("kept"));
    }

    [Fact]
    public async Task Cell_that_ignores_the_interrupt_is_given_up_and_the_session_goes_on()
    {
        using var session = new Session();
        session.Interpreter.InterruptGracePeriod = TimeSpan.FromMilliseconds(100);
        await session.ValueAsync("var kept = 7;");

        using var interrupt = new CancellationTokenSource();
        var publisher = new RecordingPublisher { OnStream = (_, text) => { if (text.Contains("started")) interrupt.Cancel(); } };
        var testAssembly = typeof(CellGate).Assembly.Location;
        var outcome = await session.RunAsync(
            $"#r \"{testAssembly}\"\nvar lost = 1;\nConsole.WriteLine(\"started\");\nBackprop.Interactive.Tests.CellGate.Release.Wait();",
            interrupt.Token,
            publisher);
        try
        {
            Assert.Equal(ExecutionStatus.Aborted, outcome.Status);
            Assert.Contains("still running", outcome.Error!.Value);
            Assert.Equal("7", await session.ValueAsync("kept"));
            var lost = await session.RunAsync("lost");
            Assert.Contains("CS0103", lost.Error!.Value);
        }
        finally
        {
            CellGate.Release.Set();
        }
    }

    [Fact]
    public async Task Operation_canceled_without_an_interrupt_is_an_ordinary_error()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("throw new OperationCanceledException(\"mine\");");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("mine", outcome.Error!.Value);
    }

    [Fact]
    public async Task Cell_runs_off_the_callers_thread()
    {
        using var session = new Session();
        var caller = Environment.CurrentManagedThreadId;
        var outcome = await session.RunAsync("Environment.CurrentManagedThreadId");
        Assert.NotEqual(caller.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Result!.Data["text/plain"]!.GetValue<string>());
    }
}
