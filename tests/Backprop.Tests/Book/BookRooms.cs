using System.Text.RegularExpressions;

namespace Backprop.Tests.Book;

/// <summary>
/// The rooms of the library that hold the book's code, and the constructs that belong in the engine
/// (lib/Backprop.Engine) rather than there: hardware intrinsics, raw memory, threads and their
/// synchronisation, garbage-collector and operating-system tuning.
/// </summary>
internal static partial class BookRooms
{
    /// <summary>The book's rooms, relative to lib/Backprop: folders (every .cs file below them) and single files.</summary>
    public static readonly string[] Rooms = ["Graph", "Layers", "Networks", "Optimizers", "Functions.cs", "NumericalGradient.cs", "Training/Trainer.cs"];

    /// <summary>Each forbidden construct, by what it is and the pattern that finds it in code (comments removed).</summary>
    public static readonly (string What, Regex Pattern)[] Forbidden =
    [
        ("hardware intrinsics", new Regex(@"System\.Runtime\.Intrinsics|\bVector(64|128|256|512)\b|\b(Avx\w*|Sse\w*|Fma|AdvSimd|Bmi\d|Popcnt|Lzcnt)\s*\.")),
        ("raw memory", new Regex(@"\bMemoryMarshal\b|\bUnsafe\s*\.|\bunsafe\b|\bfixed\s*\(|\bNativeMemory\b|\bMarshal\s*\.|\bstackalloc\b")),
        ("native calls", new Regex(@"\b(DllImport|LibraryImport|NativeLibrary)\b")),
        ("threads", new Regex(@"\b(Thread|ThreadPool|ThreadStatic|ThreadLocal|Task|Parallel|TaskScheduler|Timer)\b|\bProcessorCount\b|\basync\b|\bawait\b")),
        ("synchronisation", new Regex(@"\b(Interlocked|SpinWait|SpinLock|Volatile|Monitor|Semaphore|SemaphoreSlim|Mutex|ManualResetEvent\w*|AutoResetEvent|Barrier|CountdownEvent)\b|\block\s*\(")),
        ("GC or OS tuning", new Regex(@"\bGC\s*\.|\bGCSettings\b|\bAppContext\s*\.\s*SetData|\bmadvise\b|\bEnvironment\s*\.\s*SetEnvironmentVariable")),
    ];

    /// <summary>The repository's root: the folder holding Backprop.Notebooks.sln, above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.Notebooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"not run from a checkout of the repository: no Backprop.Notebooks.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Every .cs file of the rooms under <paramref name="library"/> (lib/Backprop).</summary>
    public static IEnumerable<string> Files(string library)
    {
        foreach (var room in Rooms)
        {
            var path = Path.Combine(library, room);
            if (File.Exists(path))
            {
                yield return path;
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                throw new DirectoryNotFoundException($"the book's room {room} is not in {library}: update BookRooms.Rooms");
            }
        }
    }

    /// <summary>"line N: what — the code" for each forbidden construct in <paramref name="source"/>.</summary>
    public static IEnumerable<string> Violations(string source)
    {
        var lines = CodeOnly(source).Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            foreach (var (what, pattern) in Forbidden)
            {
                if (pattern.Match(lines[n]) is { Success: true } match)
                {
                    yield return $"line {n + 1}: {what} ({match.Value.Trim()}) — {lines[n].Trim()}";
                }
            }
        }
    }

    /// <summary>The source with comments and the insides of strings blanked (line breaks kept, so that line numbers stay).</summary>
    public static string CodeOnly(string source) =>
        CommentOrString().Replace(source, m => m.Value.StartsWith('"') ? "\"\"" : new string('\n', m.Value.Count(c => c == '\n')));

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();
}
