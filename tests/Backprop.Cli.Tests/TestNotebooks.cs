using System.Text.Json.Nodes;

namespace Backprop.Cli.Tests;

/// <summary>Small notebooks of code cells for the runner's tests, and what their cells showed.</summary>
internal static class TestNotebooks
{
    /// <summary>Writes <paramref name="name"/> in <paramref name="folder"/> with one code cell per source, not run yet; returns its path.</summary>
    public static string Write(string folder, string name, params string[] cells)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(source => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            }).ToArray()),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>The text/plain of cell <paramref name="cell"/>'s outputs (0-based among all cells), joined.</summary>
    public static string PlainText(string path, int cell) =>
        string.Concat(JsonNode.Parse(File.ReadAllText(path))!["cells"]![cell]!["outputs"]!.AsArray()
            .Select(o => o!["data"]?["text/plain"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)o["data"]?["text/plain"] ?? ""));
}
