namespace Backprop.Jupyter.Tests;

/// <summary>
/// A fact that needs nbconvert and the deprecated .NET Interactive tool (<c>dotnet tool install
/// Microsoft.dotnet-interactive --version 1.0.712001 --tool-path DIR</c>), found through
/// <c>BACKPROP_DOTNET_INTERACTIVE</c> (the tool's executable) or in ~/.dotnet/tools: skipped with a message
/// where either is missing, except under CI=true, where the test runs and fails instead.
/// </summary>
public sealed class RequiresDotNetInteractiveFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the tool or nbconvert is missing (and CI is not set).</summary>
    public RequiresDotNetInteractiveFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            return;
        }
        if (!File.Exists(RequiresNbconvertFactAttribute.Nbconvert))
        {
            Skip = $"{RequiresNbconvertFactAttribute.Nbconvert} not found: apt-get install jupyter-nbconvert";
        }
        else if (Tool() is null)
        {
            Skip = "the .NET Interactive tool was not found: dotnet tool install Microsoft.dotnet-interactive --version 1.0.712001 --tool-path DIR, then set BACKPROP_DOTNET_INTERACTIVE=DIR/dotnet-interactive";
        }
    }

    /// <summary>The tool's executable, or null.</summary>
    public static string? Tool()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("BACKPROP_DOTNET_INTERACTIVE"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-interactive"),
        };
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
    }
}
