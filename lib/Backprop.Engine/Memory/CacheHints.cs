using System.Runtime.Intrinsics.X86;

namespace Backprop.Engine;

/// <summary>Asks the processor to start loading memory into its caches ahead of use: a hint only, nothing is read.</summary>
internal static class CacheHints
{
    /// <summary>Whether this processor takes the hints (x86 with SSE); elsewhere <see cref="Prefetch{T}"/> does nothing.</summary>
    public static bool IsSupported => Sse.IsSupported;

    /// <summary>Every 64-byte line of <paramref name="array"/>'s elements first … first+count−1 (none when out of range).</summary>
    public static unsafe void Prefetch<T>(T[] array, int first, int count)
        where T : unmanaged
    {
        if (!Sse.IsSupported || count <= 0 || first < 0 || (long)first + count > array.Length)
        {
            return;
        }
        fixed (T* start = &array[first])
        {
            var bytes = (long)count * sizeof(T);
            var from = (byte*)start;
            for (long offset = 0; offset < bytes; offset += 64)
            {
                Sse.Prefetch1(from + offset);
            }
            Sse.Prefetch1(from + bytes - 1);
        }
    }
}
