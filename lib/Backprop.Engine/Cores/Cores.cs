using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Backprop.Engine;

/// <summary>
/// The machine's cores for work of microseconds to seconds: a product split into parts (<see cref="Split"/>),
/// and background work done one item after another (<see cref="InBackground{T}"/>). One helper thread per
/// core beyond the first, started on first use and shared by the whole process.
/// </summary>
/// <remarks>
/// <para>
/// A split's parts are taken by whoever is free — the caller and any helper — one part at a time; the
/// caller never waits for a helper that has not started a part: it takes the part itself. Each part is
/// the same work whoever does it, and callers split so that each item's result does not depend on how
/// many parts there are; so results are the same on 1 core or 16 (<see cref="ForcedParts"/> lets tests check).
/// </para>
/// <para>
/// Parts of a training step's products take tens of microseconds, too short for the thread pool, whose
/// sleeping workers take longer than that to wake: after its last piece of work a helper keeps polling for
/// about a millisecond (the gap between two products of a step is shorter), then sleeps until given more.
/// A split started while another is running, or from a helper, runs whole on its caller.
/// </para>
/// </remarks>
internal static class Cores
{
    private static readonly long pollTicks = Stopwatch.Frequency / 1000;   // 1 ms
    private static readonly long spinTicks = Stopwatch.Frequency / 20_000;  // 50 µs
    private static readonly ConcurrentQueue<Action> background = new();
    private static readonly SemaphoreSlim wake = new(0);
    private static readonly object startGate = new();
    private static Thread[] helpers = [];
    private static int slotTaken;          // 1 while a split is posted
    private static Job? posted;            // the split whose parts are being taken
    private static int sleeping;           // helpers waiting on `wake`
    private static int backgroundBusy;     // 1 while a helper runs background work (one item at a time, in order)
    private static Later? afterPart;       // the job for a helper after it finishes a part of the next split

    [ThreadStatic]
    private static bool isHelper;

    [ThreadStatic]
    private static bool inBackground;

    /// <summary>The cores used: <see cref="Environment.ProcessorCount"/> (which follows <c>taskset</c> and container limits).</summary>
    public static int Count => Environment.ProcessorCount;

    /// <summary>
    /// When set, every split with enough work for two parts is cut into exactly this many (for tests: the
    /// results must be the same for any number); null (the default) follows the work and <see cref="Count"/>.
    /// </summary>
    internal static int? ForcedParts { get; set; }

    /// <summary>
    /// How many parts to cut <paramref name="items"/> items into when each part should hold at least
    /// <paramref name="minimumItems"/>: at most one per core, at least 1.
    /// </summary>
    public static int PartsFor(int items, int minimumItems)
    {
        if (ForcedParts is { } forced)
        {
            return Math.Max(1, Math.Min(forced, items));
        }
        return Math.Max(1, Math.Min(Count, items / Math.Max(1, minimumItems)));
    }

    /// <summary>
    /// Runs <c>body(part, first, end)</c> for the parts 0 … <paramref name="parts"/>−1 of the items
    /// 0 … <paramref name="items"/>−1 (part p: items ⌊items·p/parts⌋ … ⌊items·(p+1)/parts⌋−1), on this thread
    /// and the helpers; returns when all have run and rethrows the first exception. One part, a helper
    /// calling, or another split running: <c>body(0, 0, items)</c> here.
    /// </summary>
    public static void Split(int items, int parts, Action<int, int, int> body)
    {
        parts = Math.Min(parts, items);
        if (parts <= 1 || isHelper || Interlocked.CompareExchange(ref slotTaken, 1, 0) != 0)
        {
            body(0, 0, items);
            return;
        }
        try
        {
            StartHelpers();
            var job = new Job(items, parts, body);
            Volatile.Write(ref posted, job);
            Wake(parts - 1);
            while (job.TryRunPart())
            {
            }
            WaitUntil(ref job.Done, parts);
            Volatile.Write(ref posted, null);
            job.Failure?.Throw();
        }
        finally
        {
            Volatile.Write(ref slotTaken, 0);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a helper, after the background work given before it — or right here,
    /// now, when <paramref name="here"/> or on a machine with one core. The handle gives its result when done.
    /// </summary>
    public static Later<T> InBackground<T>(Func<T> work, bool here = false)
    {
        var later = new Later<T>(work);
        if (here || Count <= 1)
        {
            later.TryRun();
            return later;
        }
        StartHelpers();
        background.Enqueue(() => later.TryRun());
        Wake(1);
        return later;
    }

    /// <summary>
    /// In background work on a helper: takes parts of a split that is waiting for them, so that a training
    /// step need not wait for an evaluation. Elsewhere it does nothing. Call it every few microseconds of work.
    /// </summary>
    public static void HelpIfAsked()
    {
        if (inBackground && Volatile.Read(ref posted) is { } job)
        {
            while (job.TryRunPart())
            {
            }
        }
    }

    /// <summary>
    /// Gives a helper <paramref name="job"/> to do right after it finishes a part of the next split — while
    /// the caller goes on alone with whatever follows that product — and returns a handle whose
    /// <see cref="Later.Join"/> waits for it, or runs it here if no helper has started it by then. One job at a
    /// time: while one is waiting, another is simply done at its Join. The trainer gathers the next
    /// minibatch this way.
    /// </summary>
    public static Later AfterNextSplit(Action job)
    {
        var later = new Later(job);
        if (Count > 1 && !isHelper)
        {
            Interlocked.CompareExchange(ref afterPart, later, null);
        }
        return later;
    }

    /// <summary>A job for after a helper's next part (<see cref="AfterNextSplit"/>).</summary>
    public sealed class Later
    {
        private const int Waiting = 0, Taken = 1, Finished = 2;
        private readonly Action job;
        private int state;
        private ExceptionDispatchInfo? failure;

        internal Later(Action job) => this.job = job;

        /// <summary>Returns once the job has run — here, if no one has started it — and rethrows its exception.</summary>
        public void Join()
        {
            Interlocked.CompareExchange(ref afterPart, null, this);
            if (!TryRun())
            {
                WaitUntil(ref state, Finished);
            }
            failure?.Throw();
        }

        /// <summary>Takes the job back unless it has started: no one will run it (for a caller that stops early).</summary>
        public void Withdraw()
        {
            Interlocked.CompareExchange(ref afterPart, null, this);
            Interlocked.CompareExchange(ref state, Finished, Waiting);
        }

        internal bool TryRun()
        {
            if (Interlocked.CompareExchange(ref state, Taken, Waiting) != Waiting)
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
            Volatile.Write(ref state, Finished);
            return true;
        }
    }

    /// <summary>Background work's result (<see cref="InBackground{T}"/>).</summary>
    public sealed class Later<T>
    {
        private readonly Func<T> work;
        private readonly ManualResetEventSlim finished = new(false);
        private int taken;
        private T? result;
        private ExceptionDispatchInfo? failure;

        internal Later(Func<T> work) => this.work = work;

        /// <summary>Whether the work has finished.</summary>
        public bool IsCompleted => finished.IsSet;

        /// <summary>The result, waiting for it if need be; rethrows the work's exception.</summary>
        public T Result
        {
            get
            {
                finished.Wait();
                failure?.Throw();
                return result!;
            }
        }

        internal void TryRun()
        {
            if (Interlocked.Exchange(ref taken, 1) != 0)
            {
                return;
            }
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finished.Set();
        }
    }

    private sealed class Job(int items, int parts, Action<int, int, int> body)
    {
        public int Next;
        public int Done;
        public ExceptionDispatchInfo? Failure;

        public int PartCount => parts;

        /// <summary>Takes the next part not yet taken and runs it; false when every part has been taken.</summary>
        public bool TryRunPart()
        {
            var part = Interlocked.Increment(ref Next) - 1;
            if (part >= parts)
            {
                return false;
            }
            try
            {
                body(part, (int)((long)items * part / parts), (int)((long)items * (part + 1) / parts));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref Failure, ExceptionDispatchInfo.Capture(e), null);
            }
            Interlocked.Increment(ref Done);
            return true;
        }
    }

    /// <summary>
    /// Waits for <paramref name="field"/> to reach <paramref name="value"/>, which other cores will make it
    /// within microseconds: spinning for up to 50 µs, then giving up the core between looks (for when the
    /// other thread is not running).
    /// </summary>
    private static void WaitUntil(ref int field, int value)
    {
        var started = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref field) != value && Stopwatch.GetTimestamp() - started < spinTicks)
        {
            Thread.SpinWait(4);
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref field) != value)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static void StartHelpers()
    {
        var wanted = Count - 1;
        if (Volatile.Read(ref helpers).Length >= wanted)
        {
            return;
        }
        lock (startGate)
        {
            if (helpers.Length >= wanted)
            {
                return;
            }
            var started = new Thread[wanted];
            helpers.CopyTo(started, 0);
            for (var h = helpers.Length; h < wanted; h++)
            {
                started[h] = new Thread(Run) { IsBackground = true, Name = $"Backprop core {h + 2}" };
                started[h].Start();
            }
            Volatile.Write(ref helpers, started);
        }
    }

    private static bool TryRunPostedPart()
    {
        if (Volatile.Read(ref posted) is not { } job || !job.TryRunPart())
        {
            return false;
        }
        Interlocked.Exchange(ref afterPart, null)?.TryRun();
        return true;
    }

    private static bool TryRunBackground()
    {
        if (background.IsEmpty || Interlocked.CompareExchange(ref backgroundBusy, 1, 0) != 0)
        {
            return false;
        }
        try
        {
            if (!background.TryDequeue(out var work))
            {
                return false;
            }
            inBackground = true;
            work();
            return true;
        }
        finally
        {
            inBackground = false;
            Volatile.Write(ref backgroundBusy, 0);
        }
    }

    private static void Run()
    {
        isHelper = true;
        var idleSince = Stopwatch.GetTimestamp();
        while (true)
        {
            if (TryRunPostedPart() || TryRunBackground())
            {
                idleSince = Stopwatch.GetTimestamp();
                continue;
            }
            if (Stopwatch.GetTimestamp() - idleSince < pollTicks)
            {
                Thread.SpinWait(20);
                continue;
            }
            // sleep — but look once more after saying so, or work posted just now would wait for the next
            Interlocked.Increment(ref sleeping);
            if ((Volatile.Read(ref posted) is { } job && Volatile.Read(ref job.Next) < job.PartCount) || !background.IsEmpty)
            {
                if (TryTakeSleeper())
                {
                    continue;
                }
                // a caller counted this helper as woken and is releasing it: take that release below
            }
            wake.Wait();
            idleSince = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> sleeping helpers.</summary>
    private static void Wake(int count)
    {
        for (var w = 0; w < count && TryTakeSleeper(); w++)
        {
            wake.Release();
        }
    }

    private static bool TryTakeSleeper()
    {
        while (true)
        {
            var now = Volatile.Read(ref sleeping);
            if (now <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref sleeping, now - 1, now) == now)
            {
                return true;
            }
        }
    }
}
