namespace Backprop.Notebooks.Tests.Support;

/// <summary>
/// A fact that needs headless Chromium (Debian's <c>chromium</c> package): skipped with a message
/// where it is missing, but run (and so failing) when the environment variable CI is "true".
/// </summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (Chromium.Path is null && !IsCi)
        {
            Skip = "Chromium is not installed (apt-get install -y chromium); set CI=true to make this a failure";
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
