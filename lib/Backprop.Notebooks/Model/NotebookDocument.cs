using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>
/// An nbformat 4 notebook: metadata (Polyglot's <c>kernelspec</c>, <c>language_info</c> and
/// <c>polyglot_notebook</c> included) and cells. Reads and writes files the way Jupyter does —
/// 1-space indent, sorted keys, multi-line text as lists of lines — and keeps every key it does
/// not model, so a file read and written again is byte-identical.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Creates an empty notebook with the given minor version.</summary>
    public NotebookDocument(int nbformatMinor = 5)
    {
        NbformatMinor = nbformatMinor;
    }

    /// <summary>The nbformat major version; always 4.</summary>
    public int Nbformat => 4;

    /// <summary>The nbformat minor version (5 means cells carry ids).</summary>
    public int NbformatMinor { get; set; }

    /// <summary>Notebook metadata, kept as read.</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = new();

    /// <summary>Top-level keys this model does not know.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>Reads a notebook file; errors name the file and, for bad JSON, the line and position.</summary>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such notebook file", path);
        }
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses notebook JSON; <paramref name="sourceName"/> names it in error messages.</summary>
    public static NotebookDocument Parse(string json, string sourceName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new NotebookFormatException(sourceName, $"not valid JSON ({FirstSentence(e.Message)})", line, position, e);
        }
        if (root is not JsonObject obj)
        {
            throw new NotebookFormatException(sourceName, $"not an nbformat 4 notebook: the top level is {Describe(root)}, expected an object with \"nbformat\" and \"cells\"");
        }
        return NotebookReader.Read(obj, sourceName);
    }

    /// <summary>The file text exactly as it is written to disk.</summary>
    public string ToJson() => JupyterJsonWriter.Write(NotebookWriter.Write(this));

    /// <summary>Writes the notebook through a temporary file and a rename, so the file is never half-written.</summary>
    public void Save(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full) ?? ".";
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, ToJson(), Utf8NoBom);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            _ => v.ToJsonString(),
        },
        _ => node.GetType().Name,
    };
}
