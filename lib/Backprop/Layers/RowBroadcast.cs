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
}
