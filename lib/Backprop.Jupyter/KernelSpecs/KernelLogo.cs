using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Backprop.Jupyter.KernelSpecs;

/// <summary>
/// The kernel's logo, drawn in code: a small two-layer network (3 → 4 → 2 nodes, every edge drawn)
/// in white on a rounded purple square, encoded as an RGBA PNG of any size.
/// </summary>
public static class KernelLogo
{
    private const int Samples = 4;
    private static readonly (double X, double Y)[][] s_layers =
    [
        [(0.22, 0.30), (0.22, 0.50), (0.22, 0.70)],
        [(0.50, 0.22), (0.50, 0.41), (0.50, 0.59), (0.50, 0.78)],
        [(0.78, 0.40), (0.78, 0.60)],
    ];

    /// <summary>The logo as PNG bytes, <paramref name="size"/> pixels square.</summary>
    public static byte[] Png(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var rows = new byte[size * (1 + 4 * size)];
        for (var y = 0; y < size; y++)
        {
            var row = y * (1 + 4 * size);
            rows[row] = 0;
            for (var x = 0; x < size; x++)
            {
                var (background, foreground) = Coverage(x, y, size);
                var alpha = background;
                // White over purple (#512BD4), weighted by how much of the pixel each covers.
                var r = 0x51 + (255 - 0x51) * foreground;
                var g = 0x2B + (255 - 0x2B) * foreground;
                var b = 0xD4 + (255 - 0xD4) * foreground;
                var pixel = row + 1 + 4 * x;
                rows[pixel] = (byte)Math.Round(r);
                rows[pixel + 1] = (byte)Math.Round(g);
                rows[pixel + 2] = (byte)Math.Round(b);
                rows[pixel + 3] = (byte)Math.Round(255 * alpha);
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;
        header[9] = 6;
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(rows);
            }
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static (double Background, double Foreground) Coverage(int x, int y, int size)
    {
        var inside = 0;
        var white = 0;
        for (var sy = 0; sy < Samples; sy++)
        {
            for (var sx = 0; sx < Samples; sx++)
            {
                var u = (x + (sx + 0.5) / Samples) / size;
                var v = (y + (sy + 0.5) / Samples) / size;
                if (InRoundedSquare(u, v))
                {
                    inside++;
                    if (OnNetwork(u, v))
                    {
                        white++;
                    }
                }
            }
        }
        return (inside / (double)(Samples * Samples), inside == 0 ? 0 : white / (double)inside);
    }

    private static bool InRoundedSquare(double u, double v)
    {
        const double radius = 0.2;
        var dx = Math.Max(Math.Max(radius - u, u - (1 - radius)), 0);
        var dy = Math.Max(Math.Max(radius - v, v - (1 - radius)), 0);
        return dx * dx + dy * dy <= radius * radius;
    }

    private static bool OnNetwork(double u, double v)
    {
        const double nodeRadius = 0.075;
        const double edgeHalfWidth = 0.018;
        foreach (var layer in s_layers)
        {
            foreach (var (nx, ny) in layer)
            {
                if ((u - nx) * (u - nx) + (v - ny) * (v - ny) <= nodeRadius * nodeRadius)
                {
                    return true;
                }
            }
        }
        for (var l = 0; l + 1 < s_layers.Length; l++)
        {
            foreach (var from in s_layers[l])
            {
                foreach (var to in s_layers[l + 1])
                {
                    if (DistanceToSegment(u, v, from, to) <= edgeHalfWidth)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static double DistanceToSegment(double u, double v, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var t = Math.Clamp(((u - a.X) * dx + (v - a.Y) * dy) / (dx * dx + dy * dy), 0, 1);
        var (px, py) = (a.X + t * dx - u, a.Y + t * dy - v);
        return Math.Sqrt(px * px + py * py);
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeBytes, data));
        png.Write(number);
    }

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var part in new[] { type, data })
        {
            foreach (var value in part)
            {
                crc ^= value;
                for (var bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }
        }
        return ~crc;
    }
}
