using Backprop.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>The helper is one per process: these tests run alone, so that no other test keeps it busy.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SecondCoreCollection
{
    public const string Name = "second core, alone";
}

[Collection(SecondCoreCollection.Name)]
public sealed class SecondCoreTests
{
    [Fact]
    public void Split_runs_each_half_once_and_returns_after_both()
    {
        for (var run = 0; run < 200; run++)
        {
            var ran = new int[2];
            var threads = new int[2];
            SecondCore.Split(part =>
            {
                Thread.SpinWait(part == 0 ? 100 : 1000);
                threads[part] = Environment.CurrentManagedThreadId;
                Interlocked.Increment(ref ran[part]);
            });
            Assert.Equal([1, 1], ran);
            Assert.Equal(Environment.CurrentManagedThreadId, threads[0]);
        }
    }

    [Fact]
    public void The_second_half_runs_on_the_helper_when_it_is_free_and_there_is_a_second_core()
    {
        var elsewhere = 0;
        for (var run = 0; run < 100; run++)
        {
            var caller = Environment.CurrentManagedThreadId;
            SecondCore.Split(part =>
            {
                if (part == 1 && Environment.CurrentManagedThreadId != caller)
                {
                    Interlocked.Increment(ref elsewhere);
                }
                Thread.Sleep(part == 0 ? 2 : 0);   // the caller's half takes a while: the helper has time to start
            });
        }
        if (SecondCore.Available)
        {
            // other test processes may share the machine's two cores, so the helper is not always running
            Assert.True(elsewhere > 10, $"the helper took the second half {elsewhere} times out of 100");
        }
        else
        {
            Assert.Equal(0, elsewhere);   // one core: both halves on the caller
        }
    }

    [Fact]
    public void An_exception_in_either_half_reaches_the_caller_and_the_next_split_works()
    {
        var first = Assert.Throws<InvalidOperationException>(() => SecondCore.Split(part =>
        {
            if (part == 0)
            {
                throw new InvalidOperationException("half 0");
            }
        }));
        Assert.Equal("half 0", first.Message);

        var second = Assert.Throws<InvalidOperationException>(() => SecondCore.Split(part =>
        {
            Thread.Sleep(part == 0 ? 2 : 0);
            if (part == 1)
            {
                throw new InvalidOperationException("half 1");
            }
        }));
        Assert.Equal("half 1", second.Message);

        var sum = 0;
        SecondCore.Split(part => Interlocked.Add(ref sum, part + 1));
        Assert.Equal(3, sum);
    }

    [Fact]
    public async Task Splits_from_several_threads_at_once_each_run_both_halves()
    {
        var totals = new long[4];
        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var run = 0; run < 500; run++)
            {
                SecondCore.Split(part => Interlocked.Add(ref totals[thread], part + 1));
            }
        })));
        Assert.All(totals, total => Assert.Equal(1500, total));
    }

    [Fact]
    public async Task Tasks_on_the_scheduler_run_one_after_another_in_order_and_may_split_inline()
    {
        var order = new List<int>();
        var tasks = Enumerable.Range(0, 10).Select(i => Task.Factory.StartNew(() =>
        {
            var halves = 0;
            SecondCore.Split(_ => Interlocked.Increment(ref halves));   // on the helper itself: both halves there
            lock (order)
            {
                order.Add(i * 10 + halves);
            }
        }, CancellationToken.None, TaskCreationOptions.None, SecondCore.Scheduler)).ToArray();

        await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 10 + 2), order);
    }

    [Fact]
    public async Task A_long_task_on_the_helper_can_take_a_waiting_second_half_between_its_own_pieces()
    {
        var stop = 0;
        var helperThread = 0;
        var longTask = Task.Factory.StartNew(() =>
        {
            helperThread = Environment.CurrentManagedThreadId;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref stop) == 0 && DateTime.UtcNow < deadline)
            {
                Thread.SpinWait(100);            // a piece of the long task (an evaluation chunk)
                SecondCore.HelpIfAsked();
            }
        }, CancellationToken.None, TaskCreationOptions.None, SecondCore.Scheduler);
        while (Volatile.Read(ref helperThread) == 0)
        {
            Thread.Yield();
        }

        // the helper is between two pieces of its long task when the half is posted; it may not be
        // running at that moment if other processes share the cores, so try a few times
        var ranOn = 0;
        for (var attempt = 0; attempt < 20 && ranOn != helperThread; attempt++)
        {
            SecondCore.Split(part =>
            {
                if (part == 0)
                {
                    Thread.Sleep(50);            // long enough for the helper to look between two pieces
                }
                else
                {
                    ranOn = Environment.CurrentManagedThreadId;
                }
            });
            if (!SecondCore.Available)
            {
                break;
            }
        }
        Volatile.Write(ref stop, 1);
        await longTask;

        Assert.Equal(SecondCore.Available ? helperThread : Environment.CurrentManagedThreadId, ranOn);
    }

    [Fact]
    public void A_job_for_after_the_next_half_runs_exactly_once_on_the_helper_when_it_is_free()
    {
        var onHelper = 0;
        for (var run = 0; run < 100; run++)
        {
            var caller = Environment.CurrentManagedThreadId;
            var ran = 0;
            var ranOn = 0;
            var later = SecondCore.AfterNextHalf(() =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                Interlocked.Increment(ref ran);
            });
            SecondCore.Split(part => Thread.Sleep(part == 0 ? 2 : 0));
            Thread.Sleep(1);   // the caller goes on alone for a while: the helper has time for the job
            later.Join();
            Assert.Equal(1, ran);
            onHelper += ranOn != caller ? 1 : 0;
        }
        if (SecondCore.Available)
        {
            Assert.True(onHelper > 10, $"the helper ran the job {onHelper} times out of 100");
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
        var first = SecondCore.AfterNextHalf(() => order.Add("first"));
        var second = SecondCore.AfterNextHalf(() => order.Add("second"));   // the first still waits: this one is the caller's

        second.Join();
        first.Join();
        first.Join();   // once only

        Assert.Equal(["second", "first"], order);
    }

    [Fact]
    public void A_jobs_exception_reaches_its_join_and_a_withdrawn_job_never_runs()
    {
        var failing = SecondCore.AfterNextHalf(() => throw new InvalidOperationException("gather failed"));
        SecondCore.Split(_ => Thread.Sleep(1));
        Assert.Equal("gather failed", Assert.Throws<InvalidOperationException>(failing.Join).Message);

        var ran = false;
        var withdrawn = SecondCore.AfterNextHalf(() => ran = true);
        withdrawn.Withdraw();
        SecondCore.Split(_ => Thread.Sleep(1));
        withdrawn.Join();
        Assert.False(ran);

        // and the next job is given to the helper again
        var next = SecondCore.AfterNextHalf(() => ran = true);
        SecondCore.Split(_ => Thread.Sleep(1));
        next.Join();
        Assert.True(ran);
    }
}
