namespace Backprop.Interactive.Tests;

/// <summary>Runs only on Linux, where the interpreter lowers the runtime's background compiler's priority.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "thread priorities are lowered on Linux only (nice, read back from /proc)";
        }
    }
}

public sealed class BackgroundCompilerPriorityTests
{
    [LinuxFact]
    public void A_session_lowers_the_background_compilers_thread_to_nice_19_and_no_other()
    {
        using var stop = new ManualResetEventSlim(false);
        var worker = StartThread(".NET Tiered Compilation Worker", stop);   // named as the runtime names its own
        var other = StartThread(".NET TP Worker", stop);
        try
        {
            using var session = new Session();   // a session starts the watch
            Assert.True(BackgroundCompilerPriority.Watching);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Nice(worker.Tid) != 19 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            Assert.Equal(19, Nice(worker.Tid));
            Assert.Equal(Nice(SelfTid()), Nice(other.Tid));   // the rest keep the process's priority
        }
        finally
        {
            stop.Set();
        }
    }

    private static (Thread Thread, int Tid) StartThread(string name, ManualResetEventSlim stop)
    {
        var tid = new TaskCompletionSource<int>();
        var thread = new Thread(() =>
        {
            tid.SetResult(SelfTid());
            stop.Wait();
        }) { IsBackground = true, Name = name };
        thread.Start();
        return (thread, tid.Task.Result);
    }

    /// <summary>This thread's Linux thread id, from the /proc/thread-self link ("pid/task/tid").</summary>
    private static int SelfTid() => int.Parse(Path.GetFileName(new FileInfo("/proc/thread-self").LinkTarget!));

    /// <summary>The thread's nice value: field 19 of its stat line, counted after the name in parentheses.</summary>
    private static int Nice(int tid)
    {
        var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16]);
    }
}
