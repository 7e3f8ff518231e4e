using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// W ← W + α·dW, entry by entry, in place: an optimizer's update as one whole-array call. A large
/// matrix's columns are shared among the cores in the same parts as the sparse products that computed
/// dW (<see cref="ColumnParts"/>), so that each core updates the columns already in its cache — and
/// computes with them again in the next step's products — rather than one core fetching them all.
/// </summary>
internal static class MatrixUpdate
{
    private const int SplitFrom = 4096;   // entries: smaller matrices are updated in one go

    /// <summary>W ← W + <paramref name="alpha"/>·dW; both dense and of the same shape (the caller checks).</summary>
    public static void AddScaled(Matrix<double> W, double alpha, Matrix<double> dW)
    {
        var (w, dw) = (W.AsColumnMajorArray()!, dW.AsColumnMajorArray()!);
        if (w.Length < SplitFrom)
        {
            TensorPrimitives.MultiplyAdd(dw, alpha, w, w);
            return;
        }
        var rows = W.RowCount;
        ColumnParts.Run(W.ColumnCount, ColumnParts.LastParts(W.ColumnCount), (_, first, end) =>
        {
            var (start, length) = (first * rows, (end - first) * rows);
            TensorPrimitives.MultiplyAdd(dw.AsSpan(start, length), alpha, w.AsSpan(start, length), w.AsSpan(start, length));
        });
    }
}
