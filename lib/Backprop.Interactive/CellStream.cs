namespace Backprop.Interactive;

/// <summary>A cell's stdout or stderr: text goes to the cell's <see cref="CellStreamBatcher"/>, which publishes it in batches.</summary>
internal sealed class CellStream(string name, CellStreamBatcher batcher)
{
    public void Write(string text) => batcher.Write(name, text);

    public void Flush() => batcher.Flush();
}
