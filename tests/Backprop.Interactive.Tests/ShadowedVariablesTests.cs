using Backprop.Interactive;
using Xunit.Abstractions;

namespace Backprop.Interactive.Tests;

public sealed class ShadowedVariablesTests
{
    private static async Task<string?> Collected(Session session, string weakReference) =>
        await session.ValueAsync($"GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect(); {weakReference}.IsAlive");

    [Fact]
    public async Task A_variable_declared_again_lets_go_of_its_earlier_value()
    {
        using var session = new Session();
        await session.ValueAsync("var big = new byte[20_000_000]; var first = new WeakReference(big);");
        Assert.Equal("True", await Collected(session, "first"));

        await session.ValueAsync("var big = new byte[10];");

        Assert.Equal("False", await Collected(session, "first"));
        Assert.Equal("10", await session.ValueAsync("big.Length"));
    }

    [Fact]
    public async Task Without_the_release_the_earlier_value_stays()
    {
        using var session = new Session();
        session.Interpreter.ReleaseShadowedVariables = false;
        await session.ValueAsync("var big = new byte[20_000_000]; var first = new WeakReference(big);");

        await session.ValueAsync("var big = new byte[10];");

        Assert.Equal("True", await Collected(session, "first"));
    }

    [Fact]
    public async Task A_variable_a_lambda_refers_to_survives_being_declared_again_and_the_lambda_still_works()
    {
        using var session = new Session();
        await session.ValueAsync("var data = new List<int> { 1, 2, 3 }; Func<int> count = () => data.Count; var first = new WeakReference(data);");

        await session.ValueAsync("var data = \"declared again\";");
        await session.ValueAsync("var data = 42;");

        Assert.Equal("True", await Collected(session, "first"));
        Assert.Equal("3", await session.ValueAsync("count()"));
        Assert.Equal("42", await session.ValueAsync("data"));
    }

    [Theory]
    [InlineData("int First() => table[0];", "First()")]
    [InlineData("int Head { get { return table[0]; } }", "Head")]
    [InlineData("var query = from x in new[] { 0 } select table[x];", "query.First()")]
    [InlineData("var later = new Lazy<int>(delegate { return table[0]; });", "later.Value")]
    [InlineData("Func<int> read; { int Local() => table[0]; read = Local; }", "read()")]
    public async Task A_variable_that_deferred_code_refers_to_is_kept(string deferred, string use)
    {
        using var session = new Session();
        await session.ValueAsync("var table = new[] { 7, 8 };");
        await session.ValueAsync(deferred);

        await session.ValueAsync("var table = new int[0];");

        Assert.Equal("7", await session.ValueAsync(use));
    }

    [Fact]
    public async Task Every_earlier_run_of_a_cell_that_declares_a_constant_lets_go()
    {
        using var session = new Session();
        const string cell = "var first = new byte[1000]; const int shown = 12; var sample = new byte[5_000_000]; var last = \"x\";";
        await session.ValueAsync(cell);
        await session.ValueAsync("var run1 = new WeakReference(sample);");
        await session.ValueAsync(cell);
        await session.ValueAsync("var run2 = new WeakReference(sample);");

        await session.ValueAsync(cell);

        Assert.Equal("False", await Collected(session, "run1"));
        Assert.Equal("False", await Collected(session, "run2"));
        Assert.Equal("12 5000000", await session.ValueAsync("$\"{shown} {sample.Length}\""));
    }

    [Fact]
    public async Task A_value_held_by_another_variable_lives_on_through_it()
    {
        using var session = new Session();
        await session.ValueAsync("var list = new List<int> { 5 }; var alias = list;");

        await session.ValueAsync("var list = 0;");

        Assert.Equal("5", await session.ValueAsync("GC.Collect(); alias[0]"));
    }

    [Fact]
    public async Task Variables_of_other_names_and_value_types_are_untouched()
    {
        using var session = new Session();
        await session.ValueAsync("var kept = \"kept\"; var n = 3; var s = \"first\";");

        await session.ValueAsync("var n = 4; var s = \"second\";");

        Assert.Equal("kept 4 second", await session.ValueAsync("$\"{kept} {n} {s}\""));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measured alone";
}

/// <summary>Live memory after a full collection, with no other test allocating meanwhile.</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class RerunMemoryTests(ITestOutputHelper output)
{
    private const string Cell = """
        var data = Mnist.Load();
        var network = new TwoLayerNet(784, 50, 10, seed: 42);
        var trainer = new Trainer(network, data, new TrainingOptions { Iterations = 200 });
        var history = trainer.Run(p => { }, CancellationToken);
        """;

    private static async Task<List<long>> LiveMemoryOverRuns(bool release, int runs)
    {
        using var session = new Session();
        session.Interpreter.ReleaseShadowedVariables = release;
        await session.ValueAsync("#r \"Backprop.dll\"\nusing Backprop.Data;\nusing Backprop.Networks;\nusing Backprop.Training;");
        var live = new List<long>();
        for (var run = 0; run < runs; run++)
        {
            await session.ValueAsync(Cell);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            live.Add(GC.GetTotalMemory(forceFullCollection: true));
        }
        return live;
    }

    [Fact]
    public async Task Running_a_cell_that_loads_MNIST_five_times_keeps_live_memory_within_15_percent_of_the_first_run()
    {
        var live = await LiveMemoryOverRuns(release: true, runs: 5);
        output.WriteLine($"live memory after each run: {string.Join(" → ", live.Select(b => $"{b / 1e6:F0} MB"))}");

        Assert.True(live[^1] <= live[0] * 1.15, $"live memory went from {live[0] / 1e6:F0} MB to {live[^1] / 1e6:F0} MB");
    }

    [Fact]
    public async Task Without_the_release_each_run_keeps_another_copy_of_MNIST()
    {
        var live = await LiveMemoryOverRuns(release: false, runs: 3);
        output.WriteLine($"live memory after each run, nothing released: {string.Join(" → ", live.Select(b => $"{b / 1e6:F0} MB"))}");

        Assert.True(live[^1] - live[0] > 2 * 40e6, "two more copies of MNIST's 47 MB of images");
    }
}
