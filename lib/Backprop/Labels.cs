using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Teacher labels (정답 레이블): class indices and one-hot (원-핫) rows.</summary>
public static class Labels
{
    /// <summary>One-hot encoding: row i has a 1 in column t[i] and 0 elsewhere.</summary>
    public static Matrix<double> OneHot(IReadOnlyList<int> t, int classes = 10)
    {
        Require("OneHot", t, t.Count, classes);
        var T = Matrix<double>.Build.Dense(t.Count, classes);
        for (var i = 0; i < t.Count; i++)
        {
            T[i, t[i]] = 1;
        }
        return T;
    }

    /// <summary>The class index of each one-hot row (the column of its largest entry).</summary>
    public static int[] FromOneHot(Matrix<double> t) => Functions.ArgMaxRows(t);

    /// <summary>Throws unless there are <paramref name="rows"/> labels, each in [0, classes).</summary>
    public static void Require(string where, IReadOnlyList<int> t, int rows, int classes)
    {
        if (t.Count != rows)
        {
            throw new ArgumentException($"{where}: {t.Count} labels for {rows} rows of x — give one label per row");
        }
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i] < 0 || t[i] >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(t), $"{where}: label {t[i]} at index {i} is out of range — labels must be 0 to {classes - 1}");
            }
        }
    }
}
