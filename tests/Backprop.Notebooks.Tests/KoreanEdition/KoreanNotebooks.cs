using System.Text.Json.Nodes;
using Backprop.Notebooks.Tests.Chapter;

namespace Backprop.Notebooks.Tests.KoreanEdition;

/// <summary>The Korean edition as committed in notebooks/ko/, read as plain JSON beside the English notebooks.</summary>
internal static class KoreanNotebooks
{
    public static string Folder => Path.Combine(ChapterNotebooks.Folder, "ko");

    public static string PathOf(string name) => Path.Combine(Folder, name + ".ipynb");

    /// <summary>The Korean notebooks there are, by name (the English file names).</summary>
    public static TheoryData<string> Translated
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var path in Directory.GetFiles(Folder, "*.ipynb").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(path));
            }
            return data;
        }
    }

    public static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    public static IEnumerable<JsonObject> Cells(JsonObject notebook, string type) =>
        notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == type);

    public static string Source(JsonObject cell) => Text(cell["source"]);

    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node ?? "",
    };

    public static IReadOnlyList<string> CodeSources(string path) => Cells(Read(path), "code").Select(Source).ToList();

    public static string Markdown(string path) => string.Join("\n\n", Cells(Read(path), "markdown").Select(Source));
}
