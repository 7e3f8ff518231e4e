using System.Runtime.InteropServices;

namespace Backprop.Interactive;

/// <summary>
/// Keeps the runtime's background compiler behind the cells. Each cell's compilation makes the runtime
/// queue the compiler's own hot methods for re-optimization, and it does that work on a thread of its
/// own while the next cells run: up to seconds of CPU, taken from a training cell's second core. On
/// Linux this lowers that thread's priority (nice 19), so it works when a core is free; elsewhere it
/// does nothing.
/// </summary>
internal static partial class BackgroundCompilerPriority
{
    private const string WorkerName = ".NET Tiered Com";   // ".NET Tiered Compilation Worker", cut to 15 bytes by Linux
    private const int PrioProcess = 0;
    private const int Lowest = 19;
    private static int _started;

    /// <summary>Whether the watch has started (for tests).</summary>
    internal static bool Watching => Volatile.Read(ref _started) == 1;

    /// <summary>Starts watching for the worker (it comes and goes with its work); once per process.</summary>
    public static void Start()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/task") || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        new Thread(Watch) { IsBackground = true, Name = "Backprop JIT priority" }.Start();
    }

    private static void Watch()
    {
        while (true)
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
                {
                    if (int.TryParse(Path.GetFileName(task), out var tid) && ReadName(task) == WorkerName)
                    {
                        setpriority(PrioProcess, tid, Lowest);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // /proc changed under us: look again next time
            }

            Thread.Sleep(100);   // a new worker runs unlowered for at most this long
        }
    }

    private static string? ReadName(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;   // the thread has ended
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int priority);
}
