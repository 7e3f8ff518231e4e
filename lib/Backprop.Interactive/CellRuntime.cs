using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Backprop.Interactive;

/// <summary>
/// What the engine's rewrite of a cell calls (see <see cref="InterruptRewriter"/>): an interrupt check
/// at the top of every loop body, method and lambda, and interruptible forms of <c>Thread.Sleep</c>,
/// <c>Task.Delay</c> and <c>Console.ReadKey</c>. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellRuntime
{
    /// <summary>
    /// How many interrupted cells may still have threads running; the inserted checks read it directly
    /// (<c>if (CellRuntime.Pending != 0) CellRuntime.Poll();</c>), so that a check is one read and one branch
    /// even in code the JIT has not optimized yet. Only the engine changes it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2211", Justification = "Read by the checks inserted into cells: a field, not a call, costs least before the JIT optimizes them.")]
    public static volatile int Pending;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the cell this code runs for has been interrupted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check()
    {
        if (Pending != 0)
        {
            ThrowIfInterrupted();
        }
    }

    /// <summary>Checks for an interrupt, then returns <paramref name="value"/> (an expression lambda's body).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Pass<T>(T value)
    {
        if (Pending != 0)
        {
            ThrowIfInterrupted();
        }
        return value;
    }

    /// <summary><see cref="Thread.Sleep(int)"/> that an interrupt ends at once.</summary>
    public static void Sleep(int millisecondsTimeout)
    {
        var token = Token;
        if (token.CanBeCanceled)
        {
            token.WaitHandle.WaitOne(millisecondsTimeout);
            token.ThrowIfCancellationRequested();
        }
        else
        {
            Thread.Sleep(millisecondsTimeout);
        }
    }

    /// <summary><see cref="Thread.Sleep(TimeSpan)"/> that an interrupt ends at once.</summary>
    public static void Sleep(TimeSpan timeout) => Sleep((int)timeout.TotalMilliseconds);

    /// <summary><see cref="Task.Delay(int)"/> cancelled by an interrupt.</summary>
    public static Task Delay(int millisecondsDelay) => Task.Delay(millisecondsDelay, Token);

    /// <summary><see cref="Task.Delay(TimeSpan)"/> cancelled by an interrupt.</summary>
    public static Task Delay(TimeSpan delay) => Task.Delay(delay, Token);

    /// <summary>A thread's start that ends quietly when its cell is interrupted (an exception would end the process).</summary>
    public static ThreadStart GuardedThread(ThreadStart start) => () =>
    {
        try
        {
            start();
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
        }
    };

    /// <summary>A thread's start that ends quietly when its cell is interrupted (an exception would end the process).</summary>
    public static ParameterizedThreadStart GuardedThread(ParameterizedThreadStart start) => state =>
    {
        try
        {
            start(state);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
        }
    };

    /// <summary>A timer's callback that does nothing once its cell is interrupted (an exception would end the process).</summary>
    public static TimerCallback GuardedTimer(TimerCallback callback) => state =>
    {
        try
        {
            callback(state);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
        }
    };

    /// <summary><see cref="Console.ReadKey()"/> in a notebook: the first character of a line read from the frontend (Enter for an empty line).</summary>
    public static ConsoleKeyInfo ReadKey() => ReadKey(intercept: false);

    /// <summary><see cref="Console.ReadKey(bool)"/> in a notebook: the first character of a line read from the frontend (Enter for an empty line).</summary>
    public static ConsoleKeyInfo ReadKey(bool intercept)
    {
        var line = ConsoleInput.ReadLineFor("Console.ReadKey") ?? "";
        if (line.Length == 0)
        {
            return new ConsoleKeyInfo('\r', ConsoleKey.Enter, shift: false, alt: false, control: false);
        }
        var c = line[0];
        var key = char.IsAsciiLetter(c) ? ConsoleKey.A + (char.ToUpperInvariant(c) - 'A')
            : char.IsAsciiDigit(c) ? ConsoleKey.D0 + (c - '0')
            : c == ' ' ? ConsoleKey.Spacebar
            : default;
        return new ConsoleKeyInfo(c, key, shift: char.IsUpper(c), alt: false, control: false);
    }

    /// <summary>The interrupt of the cell running on this flow (else of the cell started last), or none.</summary>
    internal static CancellationToken Token =>
        (CellContext.Flowing ?? CellContext.RunningFallback)?.CancellationToken ?? CancellationToken.None;

    /// <summary>Gives the library's long loops (Backprop's <c>AmbientCancellation</c>) the running cell's interrupt.</summary>
    internal static void PublishAmbientCancellation() =>
        AppContext.SetData("Backprop.AmbientCancellation", (Func<CancellationToken>)(() => Token));

    /// <summary>
    /// Arms the checks for a cell's interrupt: from the moment <paramref name="cancellationToken"/> is
    /// cancelled until a second after <paramref name="running"/> (the cell) has finished, checks look up their cell.
    /// </summary>
    internal static CancellationTokenRegistration Arm(CancellationToken cancellationToken, Task running) =>
        cancellationToken.Register(() =>
        {
            Interlocked.Increment(ref Pending);
            running.ContinueWith(
                _ => Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => Interlocked.Decrement(ref Pending), TaskScheduler.Default),
                TaskScheduler.Default);
        });

    /// <summary>Throws <see cref="OperationCanceledException"/> when the cell this code runs for has been interrupted (the slow half of a check).</summary>
    public static void Poll() => ThrowIfInterrupted();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIfInterrupted()
    {
        var token = Token;
        if (token.IsCancellationRequested)
        {
            throw new OperationCanceledException("cell interrupted", token);
        }
    }
}
