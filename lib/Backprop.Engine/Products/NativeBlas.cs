using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>
/// A BLAS library loaded at run time: <c>cblas_dgemm</c> (required) and, for OpenBLAS,
/// <c>openblas_set_num_threads</c> (optional). Arrays are column-major, as MathNet stores them.
/// </summary>
internal sealed unsafe partial class NativeBlas
{
    private const int ColumnMajor = 102;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> _dgemm;
    private readonly delegate* unmanaged[Cdecl]<int, void> _setNumThreads;

    private NativeBlas(string name, IntPtr dgemm, IntPtr setNumThreads)
    {
        Name = name;
        _dgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm;
        _setNumThreads = (delegate* unmanaged[Cdecl]<int, void>)setNumThreads;
    }

    /// <summary>
    /// Products of at least this many floating-point operations are split over the cores: the evaluation
    /// chunks (15.7 MFLOP), not the per-step products (7.8 MFLOP), where splitting saved no wall time and
    /// cost 28% more CPU time in synchronisation.
    /// </summary>
    public const double ParallelFlops = 1e7;

    /// <summary>The library that was loaded, as it was asked for (e.g. <c>libopenblas.so.0</c>).</summary>
    public string Name { get; }

    /// <summary>Whether large products are split over the cores (benchmarks turn it off to compare with the library's own threads).</summary>
    public bool SplitOverCores { get; set; } = true;

    /// <summary>Whether the library lets us choose its thread count (OpenBLAS does, Accelerate does not).</summary>
    public bool CanSetThreads => _setNumThreads != null;

    /// <summary>The library names tried on this platform, best first.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        if (OperatingSystem.IsMacOS())
        {
            return ["/System/Library/Frameworks/Accelerate.framework/Accelerate", "libopenblas.dylib", "libopenblas.0.dylib"];
        }

        if (OperatingSystem.IsWindows())
        {
            return ["libopenblas.dll", "openblas.dll"];
        }

        return ["libopenblas.so.0", "libopenblas.so", "libblas.so.3"];
    }

    /// <summary>Loads the first candidate that exports <c>cblas_dgemm</c>; null (with the reason) when none does.</summary>
    public static NativeBlas? TryLoad(IEnumerable<string> candidates, out string reason)
    {
        OneOpenBlasThread();
        var tried = new List<string>();
        foreach (var name in candidates)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                tried.Add($"{name} (not found)");
                continue;
            }

            if (!NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var dgemm))
            {
                tried.Add($"{name} (no cblas_dgemm)");
                NativeLibrary.Free(handle);
                continue;
            }

            NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads);
            reason = string.Empty;
            var blas = new NativeBlas(name, dgemm, setThreads);
            blas.SetThreads(1); // large products are split over the cores by Dgemm itself
            return blas;
        }

        reason = "tried " + string.Join(", ", tried);
        return null;
    }

    /// <summary>
    /// Asks OpenBLAS, before it loads, to start with one thread (unless OPENBLAS_NUM_THREADS says otherwise):
    /// otherwise its worker threads start with it and spin for about 0.1 s waiting for work that never
    /// comes — the products here are small, and <see cref="Dgemm"/> splits the large ones itself — taking
    /// a core from the program while it starts.
    /// </summary>
    private static void OneOpenBlasThread()
    {
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is not null)
        {
            return;
        }
        try
        {
            SetEnvironmentVariable("OPENBLAS_NUM_THREADS", "1", overwrite: 0);   // the C library's environment, which OpenBLAS reads
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no C library to ask: OpenBLAS starts its threads, as it would anyway
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironmentVariable(string name, string value, int overwrite);

    /// <summary>Sets the library's thread count when it can (OpenBLAS); otherwise does nothing.</summary>
    public void SetThreads(int threads)
    {
        if (_setNumThreads != null)
        {
            _setNumThreads(threads);
        }
    }

    /// <summary>
    /// c ← alpha·op(a)·op(b) + beta·c on column-major arrays, where a is stored rowsA×columnsA and b
    /// rowsB×columnsB before op (transpose or not) is applied. Products of at least
    /// <see cref="ParallelFlops"/> are split by rows of c over the machine's cores (<see cref="Cores"/>), each part a
    /// single-threaded dgemm (OpenBLAS's own threads spin, which costs dearly on a busy machine).
    /// </summary>
    public void Dgemm(
        bool transposeA, bool transposeB, double alpha,
        double[] a, int rowsA, int columnsA,
        double[] b, int rowsB, int columnsB,
        double beta, double[] c)
    {
        var m = transposeA ? columnsA : rowsA;
        var k = transposeA ? rowsA : columnsA;
        var n = transposeB ? rowsB : columnsB;
        if (m == 0 || n == 0)
        {
            return;
        }

        // parts of at least ParallelFlops / 2 and 8 rows each
        var rowsPerPart = Math.Max(8, (int)Math.Ceiling(ParallelFlops / 2 / (2.0 * n * k)));
        var parts = SplitOverCores && 2.0 * m * n * k >= ParallelFlops ? Cores.PartsFor(m, rowsPerPart) : 1;
        fixed (double* pa = a, pb = b, pc = c)
        {
            if (parts <= 1)
            {
                Call(transposeA, transposeB, 0, m, n, k, alpha, pa, rowsA, pb, rowsB, beta, pc, m);
                return;
            }

            var (ta, tb, a0, b0, c0) = (transposeA, transposeB, (IntPtr)pa, (IntPtr)pb, (IntPtr)pc);
            Cores.Split(m, parts, (_, first, end) =>
                Call(ta, tb, first, end - first, n, k, alpha, (double*)a0, rowsA, (double*)b0, rowsB, beta, (double*)c0, m));
        }
    }

    /// <summary>The product for rows first…first+rows−1 of c: those rows of op(a), all of op(b).</summary>
    private void Call(bool transposeA, bool transposeB, int first, int rows, int n, int k, double alpha,
        double* a, int lda, double* b, int ldb, double beta, double* c, int ldc)
    {
        var aRows = transposeA ? a + ((nint)first * lda) : a + first;
        _dgemm(
            ColumnMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans,
            rows, n, k, alpha,
            aRows, Math.Max(1, lda), b, Math.Max(1, ldb),
            beta, c + first, Math.Max(1, ldc));
    }
}
