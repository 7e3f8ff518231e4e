namespace Backprop.Engine;

/// <summary>
/// A split of images as lists of non-zero pixels: image i's are at Start[i] … Start[i+1]−1 of Columns
/// (the pixel's position, increasing) and Values (its byte, 1 … 255); Labels[i] is its class.
/// </summary>
internal sealed record PixelLists(int[] Start, ushort[] Columns, byte[] Values, int[] Labels, int Features);
