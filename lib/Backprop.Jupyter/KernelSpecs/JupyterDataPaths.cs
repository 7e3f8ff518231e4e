namespace Backprop.Jupyter.KernelSpecs;

/// <summary>Where Jupyter looks for kernelspecs: the user's data folder, a prefix's share/jupyter, JUPYTER_PATH, the system folders.</summary>
public static class JupyterDataPaths
{
    /// <summary>
    /// The user's Jupyter data folder: JUPYTER_DATA_DIR if set, else ~/.local/share/jupyter
    /// (XDG_DATA_HOME/jupyter when set) on Linux, ~/Library/Jupyter on macOS, %APPDATA%\jupyter on Windows.
    /// </summary>
    public static string UserDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } explicitDirectory)
        {
            return Path.GetFullPath(explicitDirectory);
        }
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(xdg is { Length: > 0 } ? xdg : Path.Combine(home, ".local", "share"), "jupyter");
    }

    /// <summary>The kernels folder under a data folder.</summary>
    public static string KernelsDirectory(string dataDirectory) => Path.Combine(dataDirectory, "kernels");

    /// <summary>The data folder of an installation prefix: PREFIX/share/jupyter.</summary>
    public static string PrefixDataDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter");

    /// <summary>Every data folder Jupyter searches, in its order of precedence (the first that has a name wins).</summary>
    public static IReadOnlyList<string> SearchPath()
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("JUPYTER_PATH") is { Length: > 0 } jupyterPath)
        {
            folders.AddRange(jupyterPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath));
        }
        folders.Add(UserDataDirectory());
        if (OperatingSystem.IsWindows())
        {
            folders.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "jupyter"));
        }
        else
        {
            folders.Add("/usr/local/share/jupyter");
            folders.Add("/usr/share/jupyter");
        }
        return [.. folders.Distinct(StringComparer.Ordinal)];
    }
}
