using System.IO.Compression;
using Backprop.Data;

namespace Backprop.Tests.Data;

public sealed class IdxTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("idx-tests").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Round_trip_keeps_shape_and_bytes(bool gzip)
    {
        var array = new IdxArray([3, 2, 2], Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray());
        var path = Path.Combine(dir, "x-idx3-ubyte");

        Idx.Write(path, array, gzip);
        var back = Idx.Read(path);

        Assert.Equal(array.Shape, back.Shape);
        Assert.Equal(array.Data, back.Data);
        Assert.Equal(gzip, File.ReadAllBytes(path)[0] == 0x1f);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reading_the_first_items_gives_exactly_those(bool gzip)
    {
        var array = new IdxArray([5, 2, 3], Enumerable.Range(0, 30).Select(i => (byte)(i * 7)).ToArray());
        var path = Path.Combine(dir, "first-idx3-ubyte");
        Idx.Write(path, array, gzip);

        var first = Idx.Read(path, firstItems: 2);
        var all = Idx.Read(path, firstItems: 9);

        Assert.Equal([2, 2, 3], first.Shape);
        Assert.Equal(array.Data[..12], first.Data);
        Assert.Equal(array.Shape, all.Shape);
        Assert.Equal(array.Data, all.Data);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read(Path.Combine(dir, "nope")));
        Assert.Contains("IDX file not found", e.Message);
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void Wrong_magic_number_is_reported_with_the_file_name()
    {
        var path = Path.Combine(dir, "bad");
        File.WriteAllBytes(path, [0x12, 0x34, 0x08, 0x01, 0, 0, 0, 0]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("wrong magic number 0x12340801", e.Message);
    }

    [Fact]
    public void Truncated_data_says_how_much_is_missing()
    {
        var path = Path.Combine(dir, "short");
        Idx.Write(path, new IdxArray([10, 4], new byte[40]), gzip: false);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..30]);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("40 bytes of data, the file has 18", e.Message);
    }

    [Fact]
    public void Truncated_gzip_is_reported_as_corrupt()
    {
        var path = Path.Combine(dir, "short.gz");
        Idx.Write(path, new IdxArray([1000], Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray()), gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Non_byte_data_types_are_refused()
    {
        var path = Path.Combine(dir, "floats");
        File.WriteAllBytes(path, [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        Assert.Contains("0x0D is not supported", Assert.Throws<InvalidDataException>(() => Idx.Read(path)).Message);
    }

    [Fact]
    public void Gzip_is_detected_from_the_content_not_the_name()
    {
        var path = Path.Combine(dir, "plain-name");
        using (var file = File.Create(path))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        {
            gz.Write([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]);
        }
        Assert.Equal([7, 9], Idx.Read(path).Data);
    }
}
