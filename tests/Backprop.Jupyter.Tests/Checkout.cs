namespace Backprop.Jupyter.Tests;

/// <summary>The repository checkout the tests run from.</summary>
internal static class Checkout
{
    /// <summary>The folder holding Backprop.Notebooks.sln, above the test assembly.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.Notebooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"not run from a checkout of the repository: no Backprop.Notebooks.sln above {AppContext.BaseDirectory}");
    }
}
