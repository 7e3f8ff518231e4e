namespace Backprop.Jupyter.Tests;

/// <summary>
/// A fact that needs Debian's jupyter-nbconvert: skipped with a message where it is missing,
/// except under CI=true, where the test runs and fails instead.
/// </summary>
public sealed class RequiresNbconvertFactAttribute : FactAttribute
{
    /// <summary>The nbconvert command of the Debian package.</summary>
    public const string Nbconvert = "/usr/bin/jupyter-nbconvert";

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when nbconvert is missing (and CI is not set).</summary>
    public RequiresNbconvertFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && !File.Exists(Nbconvert))
        {
            Skip = $"{Nbconvert} not found: apt-get install jupyter-nbconvert to run notebooks through the installed kernel";
        }
    }
}
