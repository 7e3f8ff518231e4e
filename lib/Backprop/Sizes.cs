namespace Backprop;

/// <summary>Checks of sizes and counts given by the user.</summary>
public static class Sizes
{
    /// <summary>Throws naming the first value that is zero or negative.</summary>
    public static void RequirePositive(string where, params (string Name, int Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{where}: {name} must be positive, got {value}");
            }
        }
    }
}
