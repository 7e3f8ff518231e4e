using System.Buffers.Binary;
using System.IO.Compression;

namespace Backprop.Data;

/// <summary>
/// Reads and writes the IDX format MNIST comes in: a 4-byte magic number (0, 0, type 0x08 for
/// unsigned bytes, number of dimensions), one big-endian int32 per dimension, then the data.
/// Files may be gzip'd (detected from their first bytes, whatever their name).
/// </summary>
public static class Idx
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes, raw or gzip'd.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not IDX, is not unsigned bytes, or is truncated.</exception>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file not found: {path}", path);
        }
        byte[] bytes;
        try
        {
            bytes = IsGzip(path) ? Gunzip(path) : File.ReadAllBytes(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: the gzip data is corrupt or truncated ({e.Message})", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Writes an IDX file of unsigned bytes, gzip'd when <paramref name="gzip"/> is true; whole or not at all.</summary>
    public static void Write(string path, IdxArray array, bool gzip)
    {
        var expected = array.Shape.Aggregate(1L, (a, b) => a * b);
        if (array.Shape.Length is 0 or > 255 || array.Shape.Any(d => d < 0) || expected != array.Data.LongLength)
        {
            throw new ArgumentException($"IDX: shape [{string.Join(", ", array.Shape)}] does not match {array.Data.Length} bytes of data");
        }
        var header = new byte[4 + 4 * array.Shape.Length];
        header[2] = UnsignedByte;
        header[3] = (byte)array.Shape.Length;
        for (var i = 0; i < array.Shape.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), array.Shape[i]);
        }
        AtomicFile.Write(path, stream =>
        {
            using var output = gzip ? new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true) : stream;
            output.Write(header);
            output.Write(array.Data);
        });
    }

    private static IdxArray Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"{path}: not an IDX file — it has only {bytes.Length} bytes, fewer than the 4-byte magic number");
        }
        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new InvalidDataException($"{path}: not an IDX file — wrong magic number 0x{bytes[0]:X2}{bytes[1]:X2}{bytes[2]:X2}{bytes[3]:X2} (expected 0x0000080N)");
        }
        if (bytes[2] != UnsignedByte)
        {
            throw new InvalidDataException($"{path}: IDX data type 0x{bytes[2]:X2} is not supported — only unsigned bytes (0x08), as in MNIST");
        }
        int dims = bytes[3];
        if (dims == 0 || bytes.Length < 4 + 4 * dims)
        {
            throw new InvalidDataException($"{path}: truncated IDX header — {dims} dimensions need {4 + 4 * dims} bytes, the file has {bytes.Length}");
        }
        var shape = new int[dims];
        long size = 1;
        for (var i = 0; i < dims; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (shape[i] < 0)
            {
                throw new InvalidDataException($"{path}: dimension {i} is negative ({shape[i]})");
            }
            size *= shape[i];
        }
        var offset = 4 + 4 * dims;
        var available = bytes.Length - offset;
        if (available < size)
        {
            throw new InvalidDataException($"{path}: truncated — the header promises [{string.Join(", ", shape)}] = {size} bytes of data, the file has {available}");
        }
        if (available > size)
        {
            throw new InvalidDataException($"{path}: {available - size} unexpected bytes after the data for shape [{string.Join(", ", shape)}]");
        }
        return new IdxArray(shape, bytes.AsSpan(offset).ToArray());
    }

    private static bool IsGzip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        return stream.Read(head) == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    private static byte[] Gunzip(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
