namespace Backprop.Cli.Tests;

/// <summary>
/// A fact that needs PowerShell (<c>dotnet tool install PowerShell --version 7.6.9 --tool-path DIR</c>), found
/// through <c>BACKPROP_PWSH</c> or as <c>pwsh</c> on PATH: skipped with a message where it is missing, except
/// under CI=true, where the test runs and fails instead.
/// </summary>
public sealed class RequiresPwshFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when pwsh is missing (and CI is not set).</summary>
    public RequiresPwshFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && Pwsh() is null)
        {
            Skip = "pwsh not found: dotnet tool install PowerShell --version 7.6.9 --tool-path DIR, then set BACKPROP_PWSH=DIR/pwsh";
        }
    }

    /// <summary>The pwsh executable, or null.</summary>
    public static string? Pwsh()
    {
        var configured = Environment.GetEnvironmentVariable("BACKPROP_PWSH");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"))
            .FirstOrDefault(File.Exists);
    }
}
