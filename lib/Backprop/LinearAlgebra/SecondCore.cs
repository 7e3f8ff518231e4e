using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Backprop.LinearAlgebra;

/// <summary>
/// One helper thread for the machine's second core, shared by the whole process. It does two kinds of
/// work: the second half of a product that <see cref="Split"/> hands it (a tenth of a millisecond —
/// too short for the thread pool, whose sleeping workers take longer than that to wake), and, between
/// those, tasks queued on <see cref="Scheduler"/> (the trainer's per-epoch evaluations).
/// </summary>
/// <remarks>
/// After its last piece of work the helper keeps polling for about a millisecond (the gap between two
/// products of a training step is shorter than that), then sleeps until it is given more. A caller never
/// waits for a busy helper: if the helper has not picked up the second half by the time the caller has
/// finished the first, the caller does it too. Each half is always the same work whoever does it, so a
/// result does not depend on which thread computed what.
/// </remarks>
internal static class SecondCore
{
    private const int Empty = 0, Posted = 1, Taken = 2, Done = 3;
    private static readonly long pollTicks = Stopwatch.Frequency / 1000;   // 1 ms
    private static readonly long spinTicks = Stopwatch.Frequency / 20_000;  // 50 µs
    private static readonly ConcurrentQueue<Task> queue = new();
    private static readonly SemaphoreSlim wake = new(0);
    private static readonly Lazy<Thread> helper = new(StartHelper);
    private static int slotTaken;          // 1 while a caller's job is in the slot
    private static int state;              // Empty, Posted, Taken (by the helper), Done
    private static int sleeping;           // 1 while the helper waits on `wake`
    private static Action<int>? job;
    private static ExceptionDispatchInfo? failure;
    private static Later? afterHalf;       // the job for after the helper's next half, if any

    /// <summary>Whether there is a second core to use (on a one-core machine <see cref="Split"/> runs both halves on the caller; the helper thread still runs the scheduler's tasks).</summary>
    public static bool Available => Environment.ProcessorCount > 1;

    /// <summary>
    /// Whether a <see cref="Split"/> from this thread may use the helper: there is a second core and this
    /// is not the helper itself (whose splits run both halves in turn).
    /// </summary>
    public static bool CanHelp => Available && Thread.CurrentThread != helper.Value;

    /// <summary>Runs tasks on the helper thread, one at a time, in the order they were queued.</summary>
    public static TaskScheduler Scheduler { get; } = new HelperScheduler();

    /// <summary>
    /// Runs <c>body(0)</c> on this thread and <c>body(1)</c> on the helper — or both here, one after the
    /// other, when the helper is busy, when this is the helper, or when there is one core. Returns when
    /// both have run; an exception from either is rethrown here.
    /// </summary>
    public static void Split(Action<int> body)
    {
        if (!Available || Thread.CurrentThread == helper.Value || Interlocked.CompareExchange(ref slotTaken, 1, 0) != 0)
        {
            body(0);
            body(1);
            return;
        }
        try
        {
            job = body;
            failure = null;
            Interlocked.Exchange(ref state, Posted);
            if (Volatile.Read(ref sleeping) == 1)
            {
                Wake();
            }
            try
            {
                body(0);
            }
            finally
            {
                // take the second half back if the helper has not started it; otherwise wait for it
                if (Interlocked.CompareExchange(ref state, Empty, Posted) == Posted)
                {
                    body(1);
                }
                else
                {
                    WaitUntilDone(ref state);
                    Volatile.Write(ref state, Empty);
                    failure?.Throw();
                }
            }
        }
        finally
        {
            job = null;
            Volatile.Write(ref slotTaken, 0);
        }
    }

    /// <summary>
    /// Waits for <paramref name="field"/> to become Done, which the other core will make it within
    /// microseconds: spinning on the processor for up to 50 µs, then giving up the core between looks
    /// (for when the other thread is not running). Giving it up at once, as SpinWait does after a few
    /// spins, costs a system call per look — ~3% of a training run's profile samples on the project's VMs
    /// (whole runs came out ~1% faster, within the noise) — and it wakes later than a spin.
    /// </summary>
    private static void WaitUntilDone(ref int field)
    {
        var started = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref field) != Done && Stopwatch.GetTimestamp() - started < spinTicks)
        {
            Thread.SpinWait(4);
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref field) != Done)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static Thread StartHelper()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "Backprop second core" };
        thread.Start();
        return thread;
    }

    /// <summary>
    /// On the helper, in the middle of a long task: does the second half of a product that is waiting
    /// for it, if there is one, so that a training step need not wait for an evaluation to finish.
    /// Elsewhere it does nothing.
    /// </summary>
    public static void HelpIfAsked()
    {
        if (Volatile.Read(ref state) == Posted && Thread.CurrentThread == helper.Value)
        {
            TryRunPostedHalf();
        }
    }

    private static bool TryRunPostedHalf()
    {
        if (Volatile.Read(ref state) != Posted || Interlocked.CompareExchange(ref state, Taken, Posted) != Posted)
        {
            return false;
        }
        try
        {
            job!(1);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        Volatile.Write(ref state, Done);
        Interlocked.Exchange(ref afterHalf, null)?.TryRun();
        return true;
    }

    /// <summary>
    /// Gives the helper <paramref name="job"/> to do right after the next half it takes from
    /// <see cref="Split"/> — while the caller goes on alone with whatever follows that product — and
    /// returns a handle whose <see cref="Later.Join"/> waits for it, or runs it on the caller if the helper
    /// has not started it by then. One job at a time: while one is waiting, another is simply done at its
    /// Join. The trainer gathers the next minibatch this way, after the first layer's forward product.
    /// </summary>
    public static Later AfterNextHalf(Action job)
    {
        var later = new Later(job);
        if (Available && Thread.CurrentThread != helper.Value)
        {
            Interlocked.CompareExchange(ref afterHalf, later, null);
        }
        return later;
    }

    /// <summary>A job for after the helper's next half (<see cref="AfterNextHalf"/>).</summary>
    public sealed class Later
    {
        private readonly Action job;
        private int state = Posted;   // Posted, Taken (by whoever runs it), Done
        private ExceptionDispatchInfo? failure;

        internal Later(Action job) => this.job = job;

        /// <summary>Returns once the job has run — here, if no one has started it — and rethrows its exception.</summary>
        public void Join()
        {
            Interlocked.CompareExchange(ref afterHalf, null, this);
            if (!TryRun())
            {
                WaitUntilDone(ref state);
            }
            failure?.Throw();
        }

        /// <summary>Takes the job back unless it has started: no one will run it (for a caller that stops early).</summary>
        public void Withdraw()
        {
            Interlocked.CompareExchange(ref afterHalf, null, this);
            Interlocked.CompareExchange(ref state, Done, Posted);
        }

        internal bool TryRun()
        {
            if (Interlocked.CompareExchange(ref state, Taken, Posted) != Posted)
            {
                return false;
            }
            try
            {
                job();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            Volatile.Write(ref state, Done);
            return true;
        }
    }

    private static void Run()
    {
        var idleSince = Stopwatch.GetTimestamp();
        while (true)
        {
            if (TryRunPostedHalf())
            {
                idleSince = Stopwatch.GetTimestamp();
                continue;
            }
            if (queue.TryDequeue(out var task))
            {
                ((HelperScheduler)Scheduler).Execute(task);
                idleSince = Stopwatch.GetTimestamp();
                continue;
            }
            if (Stopwatch.GetTimestamp() - idleSince < pollTicks)
            {
                Thread.SpinWait(20);
                continue;
            }
            // sleep — but look once more after saying so, or a job posted just now would wait for the next one
            Interlocked.Exchange(ref sleeping, 1);
            if (Volatile.Read(ref state) == Posted || !queue.IsEmpty)
            {
                Interlocked.Exchange(ref sleeping, 0);
                continue;
            }
            wake.Wait();
            idleSince = Stopwatch.GetTimestamp();
        }
    }

    private static void Wake()
    {
        if (Interlocked.Exchange(ref sleeping, 0) == 1)
        {
            wake.Release();
        }
    }

    private sealed class HelperScheduler : TaskScheduler
    {
        public override int MaximumConcurrencyLevel => 1;

        public void Execute(Task task) => TryExecuteTask(task);

        protected override void QueueTask(Task task)
        {
            _ = helper.Value;
            queue.Enqueue(task);
            Wake();
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
            Thread.CurrentThread == helper.Value && TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();
    }
}
