using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Charts;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Interactive.Tests;

public sealed class DigitImageTests
{
    [Fact]
    public void Png_chunks_have_correct_crcs_and_pixels_survive_the_round_trip()
    {
        var pixels = Enumerable.Range(0, 6).Select(i => i / 5.0).ToArray();
        var png = new DigitImage(pixels, 3, 2) { Scale = 1 }.ToPng();

        var chunks = ReadChunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var header = chunks[0].Data;
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(8, header[8]);
        Assert.Equal(0, header[9]);

        using var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 0, 51, 102, 0, 153, 204, 255 }, raw.ToArray());
    }

    [Fact]
    public void Scale_upscales_by_nearest_neighbour()
    {
        var png = new DigitImage([0, 1, 1, 0], 2, 2) { Scale = 3 }.ToPng();
        var header = ReadChunks(png)[0].Data;
        Assert.Equal(6, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(6, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
    }

    [Fact]
    public void Grid_lays_tiles_out_in_rows_with_one_pixel_gaps()
    {
        var tiles = Enumerable.Range(0, 50).Select(_ => new DigitImage(new double[28 * 28], 28, 28)).ToList();
        var grid = DigitImage.Grid(tiles, columns: 10, caption: "W1");
        Assert.Equal((10 * 28) + 9, grid.Width);
        Assert.Equal((5 * 28) + 4, grid.Height);
        Assert.Equal(0.5, grid[28, 0]);
        Assert.Equal(0.0, grid[29, 0]);
        Assert.Equal("W1", grid.Caption);
    }

    [Fact]
    public void Grid_rejects_tiles_of_different_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DigitImage.Grid([new DigitImage(new double[4], 2, 2), new DigitImage(new double[9], 3, 3)], 2));
        Assert.Contains("tile 1 is 3×3 but tile 0 is 2×2", error.Message);
    }

    [Fact]
    public void FromColumn_normalises_each_weight_tile_to_black_and_white()
    {
        var w = Matrix<double>.Build.Dense(4, 2, (i, j) => j == 0 ? i - 10.0 : 3.0);
        var tile = DigitImage.FromColumn(w, 0, 2, 2);
        Assert.Equal(0.0, tile[0, 0]);
        Assert.Equal(1.0, tile[1, 1]);
        Assert.Equal(0.5, DigitImage.FromColumn(w, 1, 2, 2)[0, 0]);
    }

    [Fact]
    public void FromRow_names_the_shape_when_it_does_not_fit()
    {
        var images = Matrix<double>.Build.Dense(3, 10);
        var error = Assert.Throws<ArgumentException>(() => DigitImage.FromRow(images, 0));
        Assert.Contains("3×10", error.Message);
        Assert.Contains("784", error.Message);
    }

    private static List<(string Type, byte[] Data)> ReadChunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(Crc32(png.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add((type, data));
            at += 12 + length;
        }

        return chunks;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
