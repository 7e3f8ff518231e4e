using System.Globalization;
using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class LargeArraysTests
{
    [Fact]
    public void A_large_array_has_its_length_and_keeps_what_is_written()
    {
        var values = LargeArrays.ForWriting<ushort>(3_000_001);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (ushort)(i * 7);
        }

        Assert.Equal(3_000_001, values.Length);
        Assert.Equal(unchecked((ushort)(2_999_999 * 7)), values[2_999_999]);
        Assert.Empty(LargeArrays.ForWriting<byte>(0));
        Assert.Equal(5, LargeArrays.ForWriting<int>(5).Length);
    }

    /// <summary>
    /// What the library controls is the advice: the mapping behind the array's interior carries the kernel's
    /// "hg" flag (MADV_HUGEPAGE) and starts and ends on 2 MB boundaries. Whether the kernel
    /// then hands out 2 MB pages depends on the machine — free contiguous memory, and whether the GC reuses
    /// memory an earlier test already touched in 4 KB pages — so the pages themselves are not asserted.
    /// </summary>
    [RequiresTransparentHugePagesFact]
    public void A_large_arrays_interior_is_advised_to_use_2_MB_pages()
    {
        var bytes = LargeArrays.ForWriting<byte>(24 << 20);
        bytes.AsSpan().Fill(1);

        var handle = System.Runtime.InteropServices.GCHandle.Alloc(bytes, System.Runtime.InteropServices.GCHandleType.Pinned);
        var first = (long)handle.AddrOfPinnedObject();
        handle.Free();
        var (from, to, flags) = Mapping(first + (12 << 20));   // the middle: madvise splits the mapping at the 2 MB boundaries
        GC.KeepAlive(bytes);

        Assert.Contains("hg", flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, from % (2 << 20));
        Assert.Equal(0, to % (2 << 20));
        // the mapping's ends are not checked against the array's: memory an earlier, collected array had
        // advised keeps its flag, and the kernel merges neighbouring advised mappings
    }

    /// <summary>The start, end and VmFlags of the mapping that holds <paramref name="address"/>, from /proc/self/smaps.</summary>
    private static (long From, long To, string Flags) Mapping(long address)
    {
        var inside = false;
        long start = 0, end = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            if (dash > 0 && space > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, null, out var from)
                && long.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, null, out var to))
            {
                inside = from <= address && address < to;
                (start, end) = (from, to);
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return (start, end, line["VmFlags:".Length..]);
            }
        }
        throw new InvalidOperationException($"no mapping in /proc/self/smaps holds 0x{address:x}");
    }
}
