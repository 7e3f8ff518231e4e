using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Engine;

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
    public static IdxArray Read(string path) => Read(path, firstItems: null);

    /// <summary>
    /// Reads only the first <paramref name="firstItems"/> items (along the first dimension) of an IDX
    /// file, or all of them when it holds fewer: the rest is not decompressed (and not checked).
    /// </summary>
    public static IdxArray Read(string path, int? firstItems)
    {
        if (firstItems < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(firstItems), $"Idx: cannot read the first {firstItems} items of {path}");
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file not found: {path}", path);
        }
        using var file = File.OpenRead(path);
        var gzip = IsGzip(file);
        try
        {
            // Parsed from the stream into one array of the exact size: no growing buffer, no copies
            // (the training images are 47 MB; three transient copies of them used to double the peak memory).
            using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
            return Parse(stream, path, gzip ? null : file.Length, firstItems);
        }
        catch (InvalidDataException e) when (gzip && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: the gzip data is corrupt or truncated ({e.Message})", e);
        }
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

    private static IdxArray Parse(Stream stream, string path, long? length, int? firstItems)
    {
        var magic = new byte[4];
        var got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got < 4)
        {
            throw new InvalidDataException($"{path}: not an IDX file — it has only {got} bytes, fewer than the 4-byte magic number");
        }
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new InvalidDataException($"{path}: not an IDX file — wrong magic number 0x{magic[0]:X2}{magic[1]:X2}{magic[2]:X2}{magic[3]:X2} (expected 0x0000080N)");
        }
        if (magic[2] != UnsignedByte)
        {
            throw new InvalidDataException($"{path}: IDX data type 0x{magic[2]:X2} is not supported — only unsigned bytes (0x08), as in MNIST");
        }
        int dims = magic[3];
        var header = new byte[4 * dims];
        got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (dims == 0 || got < header.Length)
        {
            throw new InvalidDataException($"{path}: truncated IDX header — {dims} dimensions need {4 + 4 * dims} bytes, the file has {4 + got}");
        }
        var shape = new int[dims];
        long size = 1;
        for (var i = 0; i < dims; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * i));
            if (shape[i] < 0)
            {
                throw new InvalidDataException($"{path}: dimension {i} is negative ({shape[i]})");
            }
            size *= shape[i];
        }
        var offset = 4 + 4 * dims;
        if (firstItems is { } wanted && wanted < shape[0])
        {
            size = size / shape[0] * wanted;
            shape[0] = wanted;
        }
        if (length is { } fileLength && fileLength - offset < size)
        {
            throw new InvalidDataException($"{path}: truncated — the header promises [{string.Join(", ", shape)}] = {size} bytes of data, the file has {fileLength - offset}");
        }
        if (size > Array.MaxLength)
        {
            throw new InvalidDataException($"{path}: the header promises [{string.Join(", ", shape)}] = {size} bytes of data, more than one array can hold");
        }
        var data = LargeArrays.ForWriting<byte>((int)size);   // every byte is read into below, or the file is refused
        got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < size)
        {
            throw new InvalidDataException($"{path}: truncated — the header promises [{string.Join(", ", shape)}] = {size} bytes of data, the file has {got}");
        }
        if (firstItems is not null)
        {
            return new IdxArray(shape, data);
        }
        long extra = 0;
        var rest = new byte[4096];
        for (var n = stream.Read(rest); n > 0; n = stream.Read(rest))
        {
            extra += n;
        }
        if (extra > 0)
        {
            throw new InvalidDataException($"{path}: {extra} unexpected bytes after the data for shape [{string.Join(", ", shape)}]");
        }
        return new IdxArray(shape, data);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        var gzip = file.Read(head) == 2 && head[0] == 0x1f && head[1] == 0x8b;
        file.Position = 0;
        return gzip;
    }
}
