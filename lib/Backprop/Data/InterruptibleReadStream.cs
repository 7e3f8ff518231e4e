namespace Backprop.Data;

/// <summary>
/// A read-only view of a stream that checks <see cref="AmbientCancellation"/> before every read, so that
/// decompressing a large file (MNIST's 47 MB of training images) stops when a notebook cell is interrupted.
/// The inner stream is not disposed with it.
/// </summary>
internal sealed class InterruptibleReadStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        AmbientCancellation.ThrowIfCancellationRequested();
        return inner.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        AmbientCancellation.ThrowIfCancellationRequested();
        return inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
