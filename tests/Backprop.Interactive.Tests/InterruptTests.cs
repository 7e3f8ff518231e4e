using System.Diagnostics;
using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

/// <summary>
/// Interrupt stops cell code that never looks at its token (the engine rewrites loops, methods and lambdas
/// to check it), waits in Thread.Sleep, Task.Delay and Console.ReadLine, and the library's long calls.
/// "Stopped" means the outcome is the plain interrupt, not the message for a cell that goes on in the
/// background, which comes after the engine's grace period (750 ms).
/// </summary>
public sealed class InterruptTests
{
    private static readonly string Library = typeof(Backprop.AmbientCancellation).Assembly.Location;

    public static TheoryData<string, string> CellsThatNeverCheck => new()
    {
        { "while", "long n = 0;\nConsole.WriteLine(\"started\");\nwhile (true) { n++; }" },
        { "while without braces", "long n = 0;\nConsole.WriteLine(\"started\");\nwhile (true) n++;" },
        { "for", "var s = 0.0;\nConsole.WriteLine(\"started\");\nfor (var i = 0; ; i++) s += Math.Sqrt(i);" },
        { "foreach", "long s = 0;\nConsole.WriteLine(\"started\");\nforeach (var i in Enumerable.Repeat(1, int.MaxValue)) { foreach (var j in Enumerable.Repeat(1, int.MaxValue)) s += j; }" },
        { "do", "long n = 0;\nConsole.WriteLine(\"started\");\ndo { n++; } while (n != 0);" },
        { "recursion", "long Fib(int k) => k < 2 ? k : Fib(k - 1) + Fib(k - 2);\nConsole.WriteLine(\"started\");\nFib(200)" },
        { "recursive method", "static long Count(long k) { if (k == 0) return 0; return 1 + Count(k - 1) + Count(k - 1); }\nConsole.WriteLine(\"started\");\nCount(100)" },
        { "LINQ", "Console.WriteLine(\"started\");\nEnumerable.Range(0, int.MaxValue).SelectMany(i => Enumerable.Range(0, int.MaxValue)).Count(j => j >= 0)" },
        { "Parallel.For", "Console.WriteLine(\"started\");\nParallel.For(0, 2, i => { while (true) { } });" },
        { "threads and a timer", "var timer = new Timer(_ => { while (true) { } }, null, 0, Timeout.Infinite);\nfor (var t = 0; t < 2; t++) new Thread(() => { while (true) { } }).Start();\nConsole.WriteLine(\"started\");\nwhile (true) { }" },
        { "Thread.Sleep", "Console.WriteLine(\"started\");\nThread.Sleep(120000);" },
        { "await Task.Delay", "Console.WriteLine(\"started\");\nawait Task.Delay(120000);" },
        { "Task.Delay().Wait()", "Console.WriteLine(\"started\");\nTask.Delay(TimeSpan.FromMinutes(2)).Wait();" },
    };

    [Theory]
    [MemberData(nameof(CellsThatNeverCheck))]
    public async Task Interrupt_stops_cell_code_that_never_checks_and_keeps_the_variables(string name, string cell)
    {
        using var session = new Session();
        // This test is about the cell stopping (not being abandoned); how soon is the protocol tests' part. On a
        // loaded two-core runner a woken thread can wait longer than the 750 ms grace for a core.
        session.Interpreter.InterruptGracePeriod = TimeSpan.FromSeconds(5);
        await session.ValueAsync("var kept = 7;");

        var outcome = await RunAndInterruptAsync(session, cell);

        Assert.True(outcome.Status == ExecutionStatus.Aborted, $"{name}: {outcome.Status} {outcome.Error?.Value}");
        Assert.Equal("cell interrupted", outcome.Error!.Value);
        Assert.Equal("7", await session.ValueAsync("kept"));
        Assert.Equal("8", await session.ValueAsync("kept + 1"));
    }

    [Fact]
    public async Task Interrupt_stops_training_the_numerical_gradient_and_loading_mnist_without_a_token()
    {
        using var session = new Session();
        await session.ValueAsync($"#r \"{Library}\"\nusing Backprop.Data;\nusing Backprop.Networks;\nusing Backprop.Training;\nvar data = Mnist.Load();");

        var training = await RunAndInterruptAsync(session,
            "var net = new TwoLayerNet(784, 50, 10);\nConsole.WriteLine(\"started\");\nnew Trainer(net, data, new TrainingOptions { Iterations = 1_000_000 }).Run();");
        var gradient = await RunAndInterruptAsync(session,
            "var net2 = new TwoLayerNet(784, 50, 10);\nConsole.WriteLine(\"started\");\nnet2.NumericalGradient(data.Train.Images(0, 100), data.Train.Labels.Take(100).ToArray());");
        // at once: on a quiet machine the whole load takes about as long as the other cases' 300 ms
        var loading = await RunAndInterruptAsync(session, "Console.WriteLine(\"started\");\nvar again = Mnist.Load();", delayMilliseconds: 0);

        Assert.All(new[] { training, gradient, loading }, outcome => Assert.Equal("cell interrupted", outcome.Error?.Value));
        Assert.Equal("60000", await session.ValueAsync("data.Train.Count"));
    }

    [Fact]
    public async Task Compiler_errors_keep_the_cells_own_lines_and_columns()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("var xs = new[] { 1, 2 };\nforeach (var x in xs) { Console.WriteLine(y); }\nint F(int k) => k + z;");

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Contains("(2,43): error CS0103: The name 'y' does not exist in the current context", outcome.Error!.Value);
        Assert.Contains("(3,21): error CS0103: The name 'z' does not exist in the current context", outcome.Error.Value);
    }

    [Fact]
    public async Task Stack_traces_keep_the_cells_own_lines()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("int Fail(int k)\n{\n    for (var i = 0; i < 3; i++) { }\n    throw new InvalidOperationException(\"no\");\n}\nFail(1);");

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Contains(outcome.Error!.Traceback, line => line.Contains("line 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lambdas_that_return_nothing_or_have_no_type_of_their_own_still_compile()
    {
        using var session = new Session();
        var value = await session.ValueAsync(
            "var list = new List<int>();\n" +
            "Enumerable.Range(0, 3).ToList().ForEach(i => list.Add(i));\n" +
            "Func<int, int?> maybe = i => i > 0 ? i : null;\n" +
            "Action<int> log = i => Console.Write(i);\n" +
            "async Task Nothing() => await Task.Yield();\n" +
            "Func<Task> later = async () => await Nothing();\n" +
            "await later();\n" +
            "string.Join(\",\", list.Select(i => maybe(i)?.ToString() ?? \"-\"))");

        Assert.Equal("-,1,2", value);
    }

    [Fact]
    public async Task Third_party_code_that_never_checks_is_reported_as_still_running_and_later_cells_say_so()
    {
        using var session = new Session();
        await session.ValueAsync("var kept = 7;");
        try
        {
            var outcome = await RunAndInterruptAsync(session,
                $"#r \"{typeof(CellGate).Assembly.Location}\"\nvar lost = 1;\nConsole.WriteLine(\"started\");\nBackprop.Interactive.Tests.CellGate.ThirdParty.Wait();");

            Assert.Equal(ExecutionStatus.Aborted, outcome.Status);
            Assert.Contains("still running", outcome.Error!.Value);
            Assert.Contains("restart the kernel", outcome.Error.Value);
            var next = await session.RunAsync("kept + 1");
            Assert.Equal("8", next.Result!.Data["text/plain"]!.GetValue<string>());
            Assert.Contains("is still running in the background", session.Publisher.StreamText("stderr"));
        }
        finally
        {
            CellGate.ThirdParty.Set();
        }
    }

    /// <summary>Runs <paramref name="cell"/>, interrupts it once it has printed "started", and returns its outcome.</summary>
    private static async Task<ExecutionOutcome> RunAndInterruptAsync(Session session, string cell, int delayMilliseconds = 300)
    {
        using var interrupt = new CancellationTokenSource();
        var publisher = new RecordingPublisher
        {
            OnStream = (_, text) =>
            {
                if (text.Contains("started", StringComparison.Ordinal))
                {
                    // let the cell get into its loop or wait first
                    interrupt.CancelAfter(TimeSpan.FromMilliseconds(delayMilliseconds));
                }
            },
        };
        return await session.RunAsync(cell, interrupt.Token, publisher);
    }
}
