namespace Backprop.Tests.LinearAlgebra;

/// <summary>The helpers are shared by the whole process: these tests run alone, so that no other test keeps them busy.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoresCollection
{
    public const string Name = "cores, alone";
}

[Collection(CoresCollection.Name)]
public sealed class CoresTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Split_runs_each_part_once_over_its_own_items_and_returns_after_all(int parts)
    {
        for (var run = 0; run < 100; run++)
        {
            var items = new int[50];
            var ran = new int[parts];
            Cores.Split(items.Length, parts, (part, first, end) =>
            {
                Thread.SpinWait(part == 0 ? 100 : 1000);
                Interlocked.Increment(ref ran[part]);
                for (var i = first; i < end; i++)
                {
                    Interlocked.Increment(ref items[i]);
                }
            });
            Assert.All(ran, count => Assert.Equal(1, count));
            Assert.All(items, count => Assert.Equal(1, count));
        }
    }

    [Fact]
    public void Parts_follow_the_work_and_the_cores()
    {
        Assert.Equal(1, Cores.PartsFor(10, 20));
        Assert.Equal(Math.Min(Cores.Count, 5), Cores.PartsFor(100, 20));
        Cores.ForcedParts = 7;
        try
        {
            Assert.Equal(7, Cores.PartsFor(100, 1000));
            Assert.Equal(3, Cores.PartsFor(3, 1));
        }
        finally
        {
            Cores.ForcedParts = null;
        }
    }

    [Fact]
    public void Parts_run_on_the_helpers_when_there_is_more_than_one_core()
    {
        var elsewhere = 0;
        for (var run = 0; run < 100; run++)
        {
            var caller = Environment.CurrentManagedThreadId;
            Cores.Split(2, 2, (part, _, _) =>
            {
                if (Environment.CurrentManagedThreadId != caller)
                {
                    Interlocked.Increment(ref elsewhere);
                }
                Thread.Sleep(2);   // each part takes a while: a helper has time to start
            });
        }
        if (Cores.Count > 1)
        {
            // other test processes may share the machine's cores, so a helper is not always running
            Assert.True(elsewhere > 10, $"a helper took a part {elsewhere} times out of 100");
        }
        else
        {
            Assert.Equal(0, elsewhere);   // one core: every part on the caller
        }
    }

    [Fact]
    public void An_exception_in_any_part_reaches_the_caller_and_the_next_split_works()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Cores.Split(4, 4, (part, _, _) =>
        {
            Thread.Sleep(1);
            if (part == 3)
            {
                throw new InvalidOperationException("part 3");
            }
        }));
        Assert.Equal("part 3", failure.Message);

        var sum = 0;
        Cores.Split(4, 4, (part, _, _) => Interlocked.Add(ref sum, part + 1));
        Assert.Equal(10, sum);
    }

    [Fact]
    public async Task Splits_from_several_threads_at_once_each_run_all_their_items()
    {
        var totals = new long[4];
        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var run = 0; run < 500; run++)
            {
                Cores.Split(6, 3, (_, first, end) => Interlocked.Add(ref totals[thread], end - first));
            }
        })));
        Assert.All(totals, total => Assert.Equal(3000, total));
    }

    [Fact]
    public void Background_work_runs_one_item_after_another_in_order_and_splits_there_run_whole()
    {
        var order = new List<int>();
        var results = Enumerable.Range(0, 10).Select(i => Cores.InBackground(() =>
        {
            var parts = 0;
            Cores.Split(8, 4, (_, _, _) => Interlocked.Increment(ref parts));   // on a helper: one part, the whole
            lock (order)
            {
                order.Add((i * 10) + parts);
            }
            return i;
        })).ToArray();

        Assert.Equal(Enumerable.Range(0, 10), results.Select(r => r.Result));
        Assert.All(results, r => Assert.True(r.IsCompleted));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (i * 10) + (Cores.Count > 1 ? 1 : 4)), order);
    }

    [Fact]
    public void Background_work_that_fails_rethrows_when_its_result_is_asked_for()
    {
        var failing = Cores.InBackground<int>(() => throw new InvalidOperationException("evaluation failed"));
        Assert.Equal("evaluation failed", Assert.Throws<InvalidOperationException>(() => failing.Result).Message);
    }

    [Fact]
    public void Long_background_work_takes_waiting_parts_between_its_own_pieces()
    {
        if (Cores.Count < 2)
        {
            return;   // one core: no background
        }
        var stop = 0;
        var helperThread = 0;
        var longWork = Cores.InBackground(() =>
        {
            Volatile.Write(ref helperThread, Environment.CurrentManagedThreadId);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref stop) == 0 && DateTime.UtcNow < deadline)
            {
                Thread.SpinWait(100);            // a piece of the long work (an evaluation chunk)
                Cores.HelpIfAsked();
            }
            return 0;
        });
        while (Volatile.Read(ref helperThread) == 0)
        {
            Thread.Yield();
        }

        // the background helper may not be running at the moment a part is posted if other processes share
        // the cores (and on more than two cores another helper may take it), so try a few times
        var ranOnHelper = false;
        for (var attempt = 0; attempt < 20 && !ranOnHelper; attempt++)
        {
            Cores.Split(2, 2, (part, _, _) =>
            {
                Thread.Sleep(50);   // long enough for the helper to look between two pieces
                ranOnHelper |= Environment.CurrentManagedThreadId == helperThread;
            });
        }
        Volatile.Write(ref stop, 1);
        _ = longWork.Result;

        Assert.True(ranOnHelper || Cores.Count > 2, "the helper busy with background work never took a waiting part");
    }

    [Fact]
    public void A_job_for_after_the_next_split_runs_exactly_once_and_on_a_helper_when_one_is_free()
    {
        var onHelper = 0;
        for (var run = 0; run < 100; run++)
        {
            var caller = Environment.CurrentManagedThreadId;
            var ran = 0;
            var ranOn = 0;
            var later = Cores.AfterNextSplit(() =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                Interlocked.Increment(ref ran);
            });
            Cores.Split(2, 2, (_, _, _) => Thread.Sleep(2));
            Thread.Sleep(1);   // the caller goes on alone for a while: a helper has time for the job
            later.Join();
            Assert.Equal(1, ran);
            onHelper += ranOn != caller ? 1 : 0;
        }
        if (Cores.Count > 1)
        {
            Assert.True(onHelper > 10, $"a helper ran the job {onHelper} times out of 100");
        }
        else
        {
            Assert.Equal(0, onHelper);
        }
    }

    [Fact]
    public void Without_a_split_the_job_runs_at_its_join_and_a_second_job_waits_for_its_own_join()
    {
        var order = new List<string>();
        var first = Cores.AfterNextSplit(() => order.Add("first"));
        var second = Cores.AfterNextSplit(() => order.Add("second"));   // the first still waits: this one is the caller's

        second.Join();
        first.Join();
        first.Join();   // once only

        Assert.Equal(["second", "first"], order);
    }

    [Fact]
    public void A_jobs_exception_reaches_its_join_and_a_withdrawn_job_never_runs()
    {
        var failing = Cores.AfterNextSplit(() => throw new InvalidOperationException("gather failed"));
        Cores.Split(2, 2, (_, _, _) => Thread.Sleep(1));
        Assert.Equal("gather failed", Assert.Throws<InvalidOperationException>(failing.Join).Message);

        var ran = false;
        var withdrawn = Cores.AfterNextSplit(() => ran = true);
        withdrawn.Withdraw();
        Cores.Split(2, 2, (_, _, _) => Thread.Sleep(1));
        withdrawn.Join();
        Assert.False(ran);

        var next = Cores.AfterNextSplit(() => ran = true);
        Cores.Split(2, 2, (_, _, _) => Thread.Sleep(1));
        next.Join();
        Assert.True(ran);
    }
}
