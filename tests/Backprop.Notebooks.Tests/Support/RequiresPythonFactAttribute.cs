namespace Backprop.Notebooks.Tests.Support;

/// <summary>
/// A fact that needs <c>python3</c> on the PATH (the standard library only): skipped with a message where
/// it is missing, but run (and so failing) when the environment variable CI is "true".
/// </summary>
public sealed class RequiresPythonFactAttribute : FactAttribute
{
    public RequiresPythonFactAttribute()
    {
        if (Python3 is null && !IsCi)
        {
            Skip = "python3 is not installed (apt-get install -y python3); set CI=true to make this a failure";
        }
    }

    /// <summary>The full path of python3 on the PATH, or null.</summary>
    public static string? Python3 { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "python3.exe" : "python3"))
        .FirstOrDefault(File.Exists);

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
