namespace Backprop.Notebooks.Running;

/// <summary>Turns command-line paths (files or folders) into the notebook files they mean.</summary>
public static class NotebookPaths
{
    /// <summary>
    /// Files as given; folders give their <c>*.ipynb</c> files (subfolders included, hidden
    /// folders and <c>.ipynb_checkpoints</c> skipped). The result is sorted by full path, without duplicates; paths under the current folder are relative to it.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                found.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.ipynb", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(path, file);
                    if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                    {
                        found.Add(Path.GetFullPath(file));
                    }
                }
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such notebook file or folder", path);
            }
        }
        var here = Directory.GetCurrentDirectory();
        return found.Select(full => Path.GetRelativePath(here, full) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative) ? relative : full).ToList();
    }
}
