namespace Backprop.Engine;

/// <summary>
/// A matrix's columns in parts over the cores, each part a whole number of groups of 4 columns (so that a
/// part computes exactly what one pass over all the columns would: each column's sums are the same chains
/// of multiply-adds whatever the split). The sparse products and the optimizer's update split W1 and dW1
/// the same way, so each core keeps working on the same columns, already in its cache, step after step.
/// </summary>
internal static class ColumnParts
{
    private static (int Columns, int Parts) last;   // the last product's split (the training loop's thread)

    /// <summary>How many parts of n columns, each of at least <paramref name="minimumGroups"/> groups of 4.</summary>
    public static int For(int n, int minimumGroups) => Cores.PartsFor((n + 3) / 4, minimumGroups);

    /// <summary>The parts of the last product over n columns (for the update of the matrix it computed), else a split into groups of 3 or more.</summary>
    public static int LastParts(int n) => last.Columns == n ? last.Parts : For(n, 3);

    /// <summary>Runs <c>body(part, first column, end column)</c> for <paramref name="parts"/> parts of n columns (<see cref="Cores.Split"/>).</summary>
    public static void Run(int n, int parts, Action<int, int, int> body, bool remember = false)
    {
        var groups = (n + 3) / 4;
        if (remember)
        {
            last = (n, parts);
        }
        Cores.Split(groups, parts, (part, g0, g1) => body(part, 4 * g0, Math.Min(n, 4 * g1)));
    }
}
