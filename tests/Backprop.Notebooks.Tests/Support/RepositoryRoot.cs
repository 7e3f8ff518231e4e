namespace Backprop.Notebooks.Tests.Support;

/// <summary>The checkout this test assembly was built from (the folder with Backprop.Notebooks.sln).</summary>
internal static class RepositoryRoot
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Backprop.Notebooks.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
