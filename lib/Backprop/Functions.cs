using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>The chapter's functions (the book's <c>common/functions.py</c>): sigmoid, softmax, cross-entropy.</summary>
public static class Functions
{
    /// <summary>The small δ inside the log, so that log(0) never happens: log(y + 1e-7).</summary>
    public const double Delta = 1e-7;

    /// <summary>σ(x) = 1 / (1 + exp(−x)).</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>σ(x) element-wise.</summary>
    public static Matrix<double> Sigmoid(Matrix<double> x) => x.Map(Sigmoid);

    /// <summary>σ′(x) = σ(x)(1 − σ(x)), element-wise.</summary>
    public static Matrix<double> SigmoidGrad(Matrix<double> x) => x.Map(v =>
    {
        var s = Sigmoid(v);
        return (1.0 - s) * s;
    });

    /// <summary>ReLU(x) = max(0, x), element-wise.</summary>
    public static Matrix<double> Relu(Matrix<double> x) => x.Map(v => v > 0 ? v : 0.0);

    /// <summary>
    /// Softmax of each row: yₖ = exp(aₖ − max a) / Σᵢ exp(aᵢ − max a). Subtracting the row's maximum
    /// changes nothing mathematically and keeps exp from overflowing.
    /// </summary>
    public static Matrix<double> Softmax(Matrix<double> a)
    {
        var rows = a.RowCount;
        var columns = a.ColumnCount;
        var x = a.AsColumnMajorArray() ?? a.ToColumnMajorArray();   // column j is x[j * rows …], one entry per row
        var y = new double[x.Length];
        // each row's maximum, a column at a time
        var max = new double[rows];
        Array.Fill(max, double.NegativeInfinity);
        for (var j = 0; j < columns; j++)
        {
            TensorPrimitives.Max(max, x.AsSpan(j * rows, rows), max);
        }
        // exp(a − max) and each row's sum of them, the columns added in order
        var sum = new double[rows];
        for (var j = 0; j < columns; j++)
        {
            var column = x.AsSpan(j * rows, rows);
            var e = y.AsSpan(j * rows, rows);
            for (var i = 0; i < rows; i++)
            {
                e[i] = Math.Exp(column[i] - max[i]);
            }
            TensorPrimitives.Add(sum, e, sum);
        }
        for (var j = 0; j < columns; j++)
        {
            TensorPrimitives.Divide(y.AsSpan(j * rows, rows), sum, y.AsSpan(j * rows, rows));
        }
        return Matrix<double>.Build.Dense(rows, columns, y);
    }

    /// <summary>Softmax of one vector.</summary>
    public static Vector<double> Softmax(Vector<double> a) => Softmax(a.ToRowMatrix()).Row(0);

    /// <summary>Cross-entropy error with one-hot t, averaged over the batch: E = −(1/N) Σ t·log(y + δ).</summary>
    public static double CrossEntropyError(Matrix<double> y, Matrix<double> t)
    {
        Shapes.RequireSame("CrossEntropyError", "y", y, "t", t);
        var sum = 0.0;
        for (var j = 0; j < y.ColumnCount; j++)
        {
            for (var i = 0; i < y.RowCount; i++)
            {
                if (t[i, j] != 0)
                {
                    sum += t[i, j] * Math.Log(y[i, j] + Delta);
                }
            }
        }
        return -sum / y.RowCount;
    }

    /// <summary>Cross-entropy error with t as class indices: E = −(1/N) Σᵢ log(y[i, tᵢ] + δ).</summary>
    public static double CrossEntropyError(Matrix<double> y, IReadOnlyList<int> t)
    {
        Labels.Require("CrossEntropyError", t, y.RowCount, y.ColumnCount);
        var sum = 0.0;
        for (var i = 0; i < y.RowCount; i++)
        {
            sum += Math.Log(y[i, t[i]] + Delta);
        }
        return -sum / y.RowCount;
    }

    /// <summary>Cross-entropy error of a single prediction vector y against a one-hot vector t.</summary>
    public static double CrossEntropyError(Vector<double> y, Vector<double> t) =>
        CrossEntropyError(y.ToRowMatrix(), t.ToRowMatrix());

    /// <summary>The column index of the largest entry of each row (NumPy's argmax(axis=1)).</summary>
    public static int[] ArgMaxRows(Matrix<double> y)
    {
        var rows = y.RowCount;
        var values = y.AsColumnMajorArray() ?? y.ToColumnMajorArray();   // element (i, j) is values[j * rows + i]
        var result = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var best = 0;
            for (var j = 1; j < y.ColumnCount; j++)
            {
                if (values[j * rows + i] > values[best * rows + i])
                {
                    best = j;
                }
            }
            result[i] = best;
        }
        return result;
    }
}
