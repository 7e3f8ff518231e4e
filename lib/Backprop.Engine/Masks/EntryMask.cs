using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// A layer's mask as whole-array calls: the book's <c>mask = (x &lt;= 0)</c> and <c>dout[mask] = 0</c>.
/// A <c>bool[,]</c> keeps its entries row after row and a MathNet matrix column after column; these walk
/// both through flat views, with no bounds checks on two indices and no branch per entry (a mask is set
/// about half the time, at random, so a branch would be mispredicted on every other entry).
/// </summary>
internal static class EntryMask
{
    /// <summary>mask[i, j] = x[i, j] ≤ 0 (false where x is NaN, as the comparison is).</summary>
    public static bool[,] NotPositive(Matrix<double> x)
    {
        var (rows, columns) = (x.RowCount, x.ColumnCount);
        var xs = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var mask = new bool[rows, columns];
        var flags = Flags(mask);
        for (var i = 0; i < rows; i++)
        {
            var row = flags.Slice(i * columns, columns);
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = xs[(j * rows) + i] <= 0;
            }
        }
        return mask;
    }

    /// <summary>
    /// Sets to +0.0 the entries of <paramref name="columnMajor"/> (a rows × columns matrix's entries, column
    /// after column) where <paramref name="mask"/> is set; the others keep their bits.
    /// </summary>
    public static void ZeroWhere(bool[,] mask, double[] columnMajor)
    {
        var (rows, columns) = (mask.GetLength(0), mask.GetLength(1));
        if (columnMajor.Length != rows * columns)
        {
            throw new ArgumentException($"EntryMask: {columnMajor.Length} entries for a {rows}×{columns} mask");
        }
        var flags = MemoryMarshal.AsBytes(Flags(mask));
        var entries = MemoryMarshal.Cast<double, long>(columnMajor.AsSpan());
        for (var j = 0; j < columns; j++)
        {
            var column = entries.Slice(j * rows, rows);
            for (var i = 0; i < column.Length; i++)
            {
                column[i] &= flags[(i * columns) + j] - 1L;   // set (1): & 0; not set (0): & all ones
            }
        }
    }

    private static Span<bool> Flags(bool[,] mask) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, bool>(ref MemoryMarshal.GetArrayDataReference(mask)), mask.Length);
}
