using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The ReLU layer: y = x when x &gt; 0, else 0. Forward keeps a <see cref="mask"/> of where x ≤ 0;
/// backward lets dout through unchanged where x &gt; 0 and stops it (0) where the mask is set.
/// </summary>
public sealed class Relu : ILayer
{
    /// <summary>True where the last forward input was ≤ 0 (the book's <c>self.mask</c>).</summary>
    public bool[,]? mask { get; private set; }

    /// <summary>y = max(0, x), remembering the mask.</summary>
    public Matrix<double> Forward(Matrix<double> x)
    {
        var rows = x.RowCount;
        var columns = x.ColumnCount;
        var input = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();   // MathNet stores a matrix column after column
        var output = new double[input.Length];
        var mask = new bool[rows, columns];
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                var v = input[j * rows + i];
                mask[i, j] = v <= 0;
                output[j * rows + i] = Math.Max(v, 0.0);   // 0 where x ≤ 0; NaN stays NaN
            }
        }
        this.mask = mask;
        return Matrix<double>.Build.Dense(rows, columns, output);
    }

    /// <summary>dx = dout where x &gt; 0, else 0 (a new matrix: dout is left as it was).</summary>
    public Matrix<double> Backward(Matrix<double> dout)
    {
        var mask = this.mask ?? throw new InvalidOperationException("Relu: call Forward before Backward");
        if (dout.RowCount != mask.GetLength(0) || dout.ColumnCount != mask.GetLength(1))
        {
            throw new ArgumentException($"Relu: dout is {Shapes.Of(dout)} but the forward input was {mask.GetLength(0)}×{mask.GetLength(1)}");
        }
        var rows = dout.RowCount;
        var columns = dout.ColumnCount;
        var input = dout.AsColumnMajorArray() ?? dout.ToColumnMajorArray();
        var dx = new double[input.Length];
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                dx[j * rows + i] = mask[i, j] ? 0.0 : input[j * rows + i];
            }
        }
        return Matrix<double>.Build.Dense(rows, columns, dx);
    }
}
