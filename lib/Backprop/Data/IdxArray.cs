namespace Backprop.Data;

/// <summary>The contents of an IDX file of unsigned bytes: its dimensions and its data, row-major.</summary>
public sealed record IdxArray(int[] Shape, byte[] Data)
{
    /// <summary>The number of items (the first dimension).</summary>
    public int Count => Shape[0];

    /// <summary>The number of bytes per item (the product of the other dimensions).</summary>
    public int ItemSize => Shape.Skip(1).Aggregate(1, (a, b) => a * b);
}
