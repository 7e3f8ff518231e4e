namespace Backprop.Cli;

/// <summary>Checks made before a long run so that an unwritable output path fails at once, not at the end.</summary>
public static class OutputFiles
{
    /// <summary>Throws unless <paramref name="path"/> (when given) can be created: its folder exists and it is not a folder.</summary>
    public static void RequireWritable(string? path, string option)
    {
        if (path is null)
        {
            return;
        }
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"{option} {path}: is a folder — give a file path");
        }
        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{option} {path}: the folder {folder} does not exist");
        }
    }
}
