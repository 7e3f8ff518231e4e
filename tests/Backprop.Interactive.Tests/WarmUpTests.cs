using System.Diagnostics;

namespace Backprop.Interactive.Tests;

/// <summary>
/// The interpreter's warm-up: the compiler at once; completion and inspection (with editorServices) only
/// while no cell runs, so that a cell which trains a network on a two-core machine keeps both cores.
/// </summary>
public sealed class WarmUpTests
{
    [Fact]
    public async Task A_runner_warm_up_compiles_and_never_starts_completion()
    {
        using var session = new Session();
        session.Interpreter.WarmUp(editorServices: false);
        Assert.Equal("42", await session.ValueAsync("6*7"));
        await session.Interpreter.WarmUpCompletion;
        await Task.Delay(session.Interpreter.IdleBeforeEditorWarmUp * 2);

        Assert.False(session.Interpreter.EditorServicesStarted);
        Assert.Equal("43", await session.ValueAsync("6*7+1"));
    }

    [Fact]
    public async Task Editor_warm_up_waits_while_a_cell_runs_and_for_an_idle_moment_after_it()
    {
        using var session = new Session();
        var interpreter = session.Interpreter;
        interpreter.IdleBeforeEditorWarmUp = TimeSpan.FromMilliseconds(500);
        interpreter.WarmUp(editorServices: true);

        // The cell is sent at once, as Run All does; it runs for a second and a half.
        var running = session.RunAsync("System.Threading.Thread.Sleep(1500); 1");
        var whileRunning = Stopwatch.StartNew();
        while (!running.IsCompleted)
        {
            Assert.False(interpreter.EditorWarmUpRunning, $"completion warm-up ran beside a cell {whileRunning.ElapsedMilliseconds} ms into it");
            Assert.False(interpreter.WarmUpCompletion.IsCompleted);
            await Task.Delay(20);
        }

        Assert.Equal(ExecutionStatus.Ok, (await running).Status);
        var idle = Stopwatch.StartNew();
        await interpreter.WarmUpCompletion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(idle.Elapsed >= TimeSpan.FromMilliseconds(450), $"completion warm-up finished {idle.ElapsedMilliseconds} ms after the cell");
        Assert.True(interpreter.EditorServicesStarted);
        Assert.Equal(0, interpreter.EditorWarmUpsCancelled);
    }

    [Fact]
    public async Task A_cell_that_starts_cancels_the_editor_warm_up_which_then_starts_over()
    {
        using var session = new Session();
        var interpreter = session.Interpreter;
        interpreter.IdleBeforeEditorWarmUp = TimeSpan.Zero;
        interpreter.WarmUp(editorServices: true);
        var waited = Stopwatch.StartNew();
        while (!interpreter.EditorWarmUpRunning)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the editor warm-up never started");
            await Task.Delay(5);
        }

        // A cold completion takes well over a second, so this cell arrives while it is under way.
        Assert.Equal("7", await session.ValueAsync("3+4"));
        await interpreter.WarmUpCompletion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, interpreter.EditorWarmUpsCancelled);
        Assert.Contains("Sqrt", (await interpreter.CompleteAsync("Math.Sqr", 8, default)).Matches);
        Assert.Equal("8", await session.ValueAsync("3+5"));
    }

    [Fact]
    public async Task Disposing_the_session_ends_an_editor_warm_up_that_waits_for_an_idle_moment()
    {
        var session = new Session();
        session.Interpreter.IdleBeforeEditorWarmUp = TimeSpan.FromHours(1);
        session.Interpreter.WarmUp(editorServices: true);
        Assert.Equal("1", await session.ValueAsync("1"));

        session.Dispose();
        await session.Interpreter.WarmUpCompletion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(session.Interpreter.EditorServicesStarted);
    }
}
