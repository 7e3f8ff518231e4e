namespace Backprop.LinearAlgebra;

/// <summary>
/// A wide matrix's columns in two halves, one per core (<see cref="SecondCore"/>). The sparse products
/// and the SGD update split W1 and dW1 the same way, so each core keeps working on the same columns —
/// already in its own cache — step after step.
/// </summary>
internal static class ColumnHalves
{
    /// <summary>
    /// Where the second half of n columns starts: a whole number of vectors of 4 columns (so that a
    /// half computes exactly what one pass over all the columns would); n itself (no second half) under 8.
    /// </summary>
    public static int Split(int n) => n < 8 ? n : 4 * ((n + 3) / 4 / 2);

    /// <summary>
    /// Runs <paramref name="body"/>(part, first column, end column) for the two halves of n columns —
    /// part 0, the columns from <see cref="Split"/> on (the wider half when they differ), on this core;
    /// part 1, the columns before it, on the second core, which pays for reading this core's freshly
    /// written minibatch and gradients — or once, for all of them, when n is under 8 or when no other
    /// core can help (on the helper itself: one pass over all the columns costs less than two).
    /// </summary>
    public static void Run(int n, Action<int, int, int> body)
    {
        var split = Split(n);
        if (split == n || !SecondCore.CanHelp)
        {
            body(0, 0, n);
            return;
        }
        SecondCore.Split(part =>
        {
            if (part == 0)
            {
                body(0, split, n);
            }
            else
            {
                body(1, 0, split);
            }
        });
    }
}
