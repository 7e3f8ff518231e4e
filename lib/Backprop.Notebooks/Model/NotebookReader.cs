using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>Turns parsed nbformat 4 JSON into the model, checking its shape and naming what is wrong.</summary>
internal static class NotebookReader
{
    public static NotebookDocument Read(JsonObject root, string source)
    {
        var major = root["nbformat"];
        if (major is null)
        {
            throw new NotebookFormatException(source, "not an nbformat 4 notebook: it has no \"nbformat\" key");
        }
        if (!TryInt(major, out var version) || version != 4)
        {
            throw new NotebookFormatException(source, $"not an nbformat 4 notebook: \"nbformat\" is {NotebookDocument.Describe(major)}, expected 4");
        }
        if (root["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException(source, $"not an nbformat 4 notebook: \"cells\" is {NotebookDocument.Describe(root["cells"])}, expected a list");
        }
        var minor = TryInt(root["nbformat_minor"], out var m) ? m : 0;
        var document = new NotebookDocument(minor)
        {
            Metadata = root["metadata"] as JsonObject ?? new JsonObject(),
        };
        document.Extra = Rest(root, "nbformat", "nbformat_minor", "metadata", "cells");
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell)
            {
                throw new NotebookFormatException(source, $"cell {i + 1} is {NotebookDocument.Describe(cells[i])}, expected an object");
            }
            document.Cells.Add(ReadCell(cell, source, i + 1));
        }
        return document;
    }

    private static NotebookCell ReadCell(JsonObject cell, string source, int number)
    {
        var type = cell["cell_type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (type is null)
        {
            throw new NotebookFormatException(source, $"cell {number} has no \"cell_type\"");
        }
        var text = cell["source"] is null ? "" : MultilineText.Join(cell["source"])
            ?? throw new NotebookFormatException(source, $"cell {number}: \"source\" is {NotebookDocument.Describe(cell["source"])}, expected a string or a list of strings");
        var result = new NotebookCell(type, text)
        {
            Id = cell["id"] is JsonValue id && id.TryGetValue<string>(out var idText) ? idText : null,
            Metadata = cell["metadata"] as JsonObject ?? new JsonObject(),
            Attachments = cell["attachments"] as JsonObject,
        };
        var known = new List<string> { "cell_type", "source", "metadata", "attachments" };
        if (result.Id is not null)
        {
            known.Add("id");
        }
        if (type == "code")
        {
            known.Add("execution_count");
            known.Add("outputs");
            result.ExecutionCount = TryInt(cell["execution_count"], out var count) ? count : null;
            if (cell["outputs"] is JsonArray outputs)
            {
                for (var i = 0; i < outputs.Count; i++)
                {
                    result.Outputs.Add(ReadOutput(outputs[i] as JsonObject
                        ?? throw new NotebookFormatException(source, $"cell {number}, output {i + 1} is not an object"), source, number, i + 1));
                }
            }
        }
        result.Extra = Rest(cell, known.ToArray());
        return result;
    }

    private static NotebookOutput ReadOutput(JsonObject output, string source, int cell, int index)
    {
        var type = output["output_type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        string where = $"cell {cell}, output {index}";
        switch (type)
        {
            case "stream":
                return new StreamOutput(
                    Text(output["name"]) ?? "stdout",
                    MultilineText.Join(output["text"]) ?? throw new NotebookFormatException(source, $"{where}: stream \"text\" is not a string or list of strings"))
                {
                    Extra = Rest(output, "output_type", "name", "text"),
                };
            case "display_data":
                return new DisplayDataOutput(ReadBundle(output["data"]), output["metadata"] as JsonObject ?? new JsonObject())
                {
                    Extra = Rest(output, "output_type", "data", "metadata"),
                };
            case "execute_result":
                return new ExecuteResultOutput(
                    TryInt(output["execution_count"], out var count) ? count : null,
                    ReadBundle(output["data"]),
                    output["metadata"] as JsonObject ?? new JsonObject())
                {
                    Extra = Rest(output, "output_type", "execution_count", "data", "metadata"),
                };
            case "error":
                var traceback = output["traceback"] is JsonArray lines
                    ? lines.Select(l => Text(l) ?? "").ToList()
                    : new List<string>();
                return new ErrorOutput(Text(output["ename"]) ?? "", Text(output["evalue"]) ?? "", traceback)
                {
                    Extra = Rest(output, "output_type", "ename", "evalue", "traceback"),
                };
            default:
                throw new NotebookFormatException(source, $"{where}: unknown output_type {NotebookDocument.Describe(output["output_type"])}, expected stream, display_data, execute_result or error");
        }
    }

    /// <summary>Copies a mime bundle, joining split text the way nbformat does (JSON mime types are left alone).</summary>
    internal static JsonObject ReadBundle(JsonNode? node)
    {
        var bundle = new JsonObject();
        if (node is not JsonObject data)
        {
            return bundle;
        }
        foreach (var (mime, value) in data.ToList())
        {
            data.Remove(mime);
            if (!MimeTypes.IsJson(mime) && value is JsonArray && MultilineText.Join(value) is { } joined)
            {
                bundle[mime] = joined;
            }
            else
            {
                bundle[mime] = value;
            }
        }
        return bundle;
    }

    private static JsonObject Rest(JsonObject obj, params string[] known)
    {
        var rest = new JsonObject();
        foreach (var (key, value) in obj.ToList())
        {
            if (!known.Contains(key))
            {
                obj.Remove(key);
                rest[key] = value;
            }
        }
        return rest;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }
}
