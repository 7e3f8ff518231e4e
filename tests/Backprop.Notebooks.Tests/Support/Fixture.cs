namespace Backprop.Notebooks.Tests.Support;

/// <summary>Fixture notebooks and scratch folders for tests.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    /// <summary>A new empty folder under the system temp folder.</summary>
    public static string NewFolder()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "backprop-notebooks-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Copies a fixture into a new scratch folder and returns the copy's path.</summary>
    public static string CopyToScratch(string name)
    {
        var target = System.IO.Path.Combine(NewFolder(), name);
        File.Copy(Path(name), target);
        return target;
    }
}
