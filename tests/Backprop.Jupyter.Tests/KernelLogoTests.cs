using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Jupyter.KernelSpecs;

namespace Backprop.Jupyter.Tests;

public sealed class KernelLogoTests
{
    /// <summary>The RGBA rows of a PNG written by <see cref="KernelLogo"/> (one IDAT chunk, filter byte 0 per row).</summary>
    private static byte[] Pixels(byte[] png)
    {
        var offset = 8;
        while (true)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            if (type == "IDAT")
            {
                using var zlib = new ZLibStream(new MemoryStream(png, offset + 8, length), CompressionMode.Decompress);
                using var rows = new MemoryStream();
                zlib.CopyTo(rows);
                return rows.ToArray();
            }
            offset += 12 + length;
        }
    }

    [Fact]
    public void Logo_has_transparent_corners_a_purple_ground_and_white_nodes()
    {
        const int size = 64;
        var pixels = Pixels(KernelLogo.Png(size));
        byte[] Rgba(int x, int y) => pixels.AsSpan(y * (1 + 4 * size) + 1 + 4 * x, 4).ToArray();

        Assert.Equal(size * (1 + 4 * size), pixels.Length);
        Assert.Equal(0, Rgba(0, 0)[3]);
        Assert.Equal(new byte[] { 0x51, 0x2B, 0xD4, 255 }, Rgba(size / 2, 2));
        // The centre of the middle input node, at (0.22, 0.50) of the square.
        Assert.Equal(new byte[] { 255, 255, 255, 255 }, Rgba((int)(0.22 * size), size / 2));
    }
}
