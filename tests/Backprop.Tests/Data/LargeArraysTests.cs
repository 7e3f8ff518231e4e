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

    [RequiresTransparentHugePagesFact]
    public void A_large_array_is_backed_by_2_MB_pages_once_written()
    {
        var bytes = LargeArrays.ForWriting<byte>(24 << 20);
        bytes.AsSpan().Fill(1);

        var handle = System.Runtime.InteropServices.GCHandle.Alloc(bytes, System.Runtime.InteropServices.GCHandleType.Pinned);
        var address = (long)handle.AddrOfPinnedObject();
        handle.Free();
        var huge = AnonHugePagesKilobytes(address + (12 << 20));   // the middle: madvise splits the mapping at the 2 MB boundaries
        Assert.True(huge >= 4096, $"the array's memory has {huge} KB in 2 MB pages; expected most of its 24 MB");
        GC.KeepAlive(bytes);
    }

    /// <summary>AnonHugePages of the mapping that holds <paramref name="address"/>, from /proc/self/smaps.</summary>
    private static long AnonHugePagesKilobytes(long address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            if (dash > 0 && space > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, null, out var from)
                && long.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, null, out var to))
            {
                inside = from <= address && address < to;
            }
            else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
            {
                return long.Parse(line["AnonHugePages:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"no mapping in /proc/self/smaps holds 0x{address:x}");
    }
}
