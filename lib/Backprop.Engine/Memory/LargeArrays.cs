using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>
/// Arrays of many megabytes (MNIST's 47 MB of training pixels, its lists of non-zero pixels) that are
/// written once, whole, right after they are made. On Linux their memory is asked for in 2 MB pages
/// (transparent huge pages, <c>madvise(MADV_HUGEPAGE)</c>) rather than 4 KB ones: the first write to each
/// page costs a page fault, and on the project's VMs a fault costs ~13 µs — filling 47 MB of fresh 4 KB
/// pages took ~155 ms there, with 2 MB pages ~35–95 ms. Elsewhere, or where the system declines, they are
/// ordinary arrays; the contents are the same either way.
/// </summary>
internal static partial class LargeArrays
{
    private const int HugePage = 2 << 20;
    private const int MadviseHugePage = 14;   // MADV_HUGEPAGE

    /// <summary>An array of <paramref name="length"/> elements whose contents the caller writes before reading (they start undefined).</summary>
    public static unsafe T[] ForWriting<T>(int length)
        where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(length);
        var bytes = (long)length * sizeof(T);
        if (bytes >= 2L * HugePage && OperatingSystem.IsLinux())
        {
            // the whole 2 MB pages inside the array: the GC never moves an array this large
            fixed (T* first = array)
            {
                var start = ((long)first + HugePage - 1) & -HugePage;
                var end = ((long)first + bytes) & -HugePage;
                if (end > start)
                {
                    try
                    {
                        _ = Madvise((nint)start, (nint)(end - start), MadviseHugePage);   // a hint: a refusal changes nothing
                    }
                    catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                    {
                        // no C library to ask: ordinary pages
                    }
                }
            }
        }
        return array;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nint length, int advice);
}
