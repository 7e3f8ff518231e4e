namespace Backprop.Notebooks.Model;

/// <summary>A file that is not valid JSON or not an nbformat 4 notebook; the message names the file and the place.</summary>
public sealed class NotebookFormatException : FormatException
{
    /// <summary>Creates the error for <paramref name="path"/>, with the 1-based line and position when known.</summary>
    public NotebookFormatException(string path, string message, long? line = null, long? position = null, Exception? inner = null)
        : base(Compose(path, message, line, position), inner)
    {
        Path = path;
        Line = line;
        Position = position;
    }

    /// <summary>The notebook file (or the name it was given when parsed from a string).</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem, when it is a JSON syntax error.</summary>
    public long? Line { get; }

    /// <summary>The 1-based byte position in <see cref="Line"/>, when it is a JSON syntax error.</summary>
    public long? Position { get; }

    private static string Compose(string path, string message, long? line, long? position) =>
        line is null ? $"{path}: {message}" : $"{path}:{line}:{position}: {message}";
}
