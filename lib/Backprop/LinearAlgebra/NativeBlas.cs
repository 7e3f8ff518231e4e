using System.Runtime.InteropServices;

namespace Backprop.LinearAlgebra;

/// <summary>
/// A BLAS library loaded at run time: <c>cblas_dgemm</c> (required) and, for OpenBLAS,
/// <c>openblas_set_num_threads</c> (optional). Arrays are column-major, as MathNet stores them.
/// </summary>
internal sealed unsafe class NativeBlas
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

    /// <summary>The library that was loaded, as it was asked for (e.g. <c>libopenblas.so.0</c>).</summary>
    public string Name { get; }

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
            return new NativeBlas(name, dgemm, setThreads);
        }

        reason = "tried " + string.Join(", ", tried);
        return null;
    }

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
    /// rowsB×columnsB before op (transpose or not) is applied.
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

        fixed (double* pa = a, pb = b, pc = c)
        {
            _dgemm(
                ColumnMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans,
                m, n, k, alpha,
                pa, Math.Max(1, rowsA), pb, Math.Max(1, rowsB),
                beta, pc, Math.Max(1, m));
        }
    }
}
