using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>NumPy's broadcasting of a row vector over a batch, which MathNet does not do by itself.</summary>
internal static class RowBroadcast
{
    /// <summary>Adds <paramref name="row"/> to every row of <paramref name="m"/>, in place (m must be freshly computed).</summary>
    public static Matrix<double> AddToEachRow(this Matrix<double> m, Vector<double> row)
    {
        var rows = m.RowCount;
        var data = m.AsColumnMajorArray();
        if (data is null)
        {
            for (var j = 0; j < m.ColumnCount; j++)
            {
                for (var i = 0; i < rows; i++)
                {
                    m[i, j] += row[j];
                }
            }
            return m;
        }
        for (var j = 0; j < m.ColumnCount; j++)
        {
            var bj = row[j];
            var column = data.AsSpan(j * rows, rows);
            for (var i = 0; i < column.Length; i++)
            {
                column[i] += bj;
            }
        }
        return m;
    }

    /// <summary>
    /// The backward of adding a row to every row: the sum of <paramref name="m"/>'s rows, NumPy's
    /// <c>np.sum(dout, axis=0)</c>. Each column summed from the first row down, as MathNet's ColumnSums does,
    /// without its call per entry (20 µs for a 100 × 50 gradient, against 1 µs here).
    /// </summary>
    public static Vector<double> SumOfRows(this Matrix<double> m)
    {
        var data = m.AsColumnMajorArray();
        if (data is null)
        {
            return m.ColumnSums();
        }
        var rows = m.RowCount;
        var sums = new double[m.ColumnCount];
        for (var j = 0; j < sums.Length; j++)
        {
            var s = 0.0;
            foreach (var v in data.AsSpan(j * rows, rows))
            {
                s += v;
            }
            sums[j] = s;
        }
        return Vector<double>.Build.Dense(sums);
    }
}
