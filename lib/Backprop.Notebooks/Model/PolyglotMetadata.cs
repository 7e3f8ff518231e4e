using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>The metadata Polyglot Notebooks writes for C#, so notebooks we create still open there.</summary>
public static class PolyglotMetadata
{
    /// <summary>The C# kernel's name in Polyglot's metadata.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>Notebook metadata: <c>kernelspec</c>, <c>language_info</c> and <c>polyglot_notebook</c>.</summary>
    public static JsonObject ForNotebook() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernelName,
                ["items"] = new JsonArray(new JsonObject { ["name"] = CSharpKernelName }),
            },
        },
    };

    /// <summary>Code cell metadata: <c>polyglot_notebook.kernelName</c> and <c>dotnet_interactive.language</c>.</summary>
    public static JsonObject ForCodeCell() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = CSharpKernelName },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernelName },
    };

    /// <summary>The kernel a code cell names (Polyglot first, then .NET Interactive), or null when it names none.</summary>
    public static string? KernelNameOf(NotebookCell cell) =>
        Text(cell.Metadata["polyglot_notebook"]?["kernelName"]) ?? Text(cell.Metadata["dotnet_interactive"]?["language"]);

    /// <summary>The notebook's language as its kernelspec or language_info names it, or null.</summary>
    public static string? LanguageOf(NotebookDocument notebook) =>
        Text(notebook.Metadata["kernelspec"]?["language"]) ?? Text(notebook.Metadata["language_info"]?["name"]);

    /// <summary>Whether a language or kernel name means C# ("C#", "csharp", "c#", ".net-csharp").</summary>
    public static bool IsCSharp(string name) =>
        name.Equals("C#", StringComparison.OrdinalIgnoreCase)
        || name.Equals("csharp", StringComparison.OrdinalIgnoreCase)
        || name.Equals(".net-csharp", StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
