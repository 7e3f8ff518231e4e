using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Shape checks that name both shapes when they do not fit, as NumPy does.</summary>
public static class Shapes
{
    /// <summary>"2×3": rows × columns of a matrix.</summary>
    public static string Of(Matrix<double> m) => $"{m.RowCount}×{m.ColumnCount}";

    /// <summary>Throws unless <paramref name="a"/>·<paramref name="b"/> is defined (a's columns = b's rows).</summary>
    public static void RequireMultipliable(string where, string aName, Matrix<double> a, string bName, Matrix<double> b)
    {
        if (a.ColumnCount != b.RowCount)
        {
            throw new ArgumentException(
                $"{where}: shapes ({a.RowCount},{a.ColumnCount}) and ({b.RowCount},{b.ColumnCount}) not aligned — " +
                $"{aName} is {Of(a)} but {bName} is {Of(b)}; {aName}'s columns must equal {bName}'s rows");
        }
    }

    /// <summary>Throws unless both matrices have the same shape.</summary>
    public static void RequireSame(string where, string aName, Matrix<double> a, string bName, Matrix<double> b)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
        {
            throw new ArgumentException(
                $"{where}: {aName} is {Of(a)} but {bName} is {Of(b)} — they must have the same shape");
        }
    }
}
