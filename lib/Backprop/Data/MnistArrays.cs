using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Data;

/// <summary>
/// One part of MNIST the way the book's <c>load_mnist</c> returns it: <see cref="X"/> as an N × 784
/// matrix when flattened, otherwise <see cref="Images"/> as 28 × 28 matrices; labels as indices,
/// and as one-hot rows in <see cref="T"/> when asked.
/// </summary>
public sealed record MnistArrays(Matrix<double>? X, IReadOnlyList<Matrix<double>>? Images, int[] Labels, Matrix<double>? T)
{
    internal static MnistArrays From(MnistSplit split, bool normalize, bool flatten, bool oneHot) => new(
        flatten ? split.Images(normalize) : null,
        flatten ? null : Enumerable.Range(0, split.Count).Select(i => split.Image(i, normalize)).ToArray(),
        split.Labels,
        oneHot ? split.OneHotLabels() : null);
}
