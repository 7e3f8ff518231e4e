using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>Turns the model back into nbformat 4 JSON, splitting multi-line text into lines as nbformat does.</summary>
internal static class NotebookWriter
{
    public static JsonObject Write(NotebookDocument document)
    {
        var root = Copy(document.Extra);
        root["nbformat"] = document.Nbformat;
        root["nbformat_minor"] = document.NbformatMinor;
        root["metadata"] = document.Metadata.DeepClone();
        var cells = new JsonArray();
        foreach (var cell in document.Cells)
        {
            cells.Add(WriteCell(cell));
        }
        root["cells"] = cells;
        return root;
    }

    private static JsonObject WriteCell(NotebookCell cell)
    {
        var obj = Copy(cell.Extra);
        obj["cell_type"] = cell.CellType;
        if (cell.Id is not null)
        {
            obj["id"] = cell.Id;
        }
        obj["metadata"] = cell.Metadata.DeepClone();
        obj["source"] = MultilineText.Split(cell.Source);
        if (cell.Attachments is not null)
        {
            obj["attachments"] = cell.Attachments.DeepClone();
        }
        if (cell.IsCode)
        {
            obj["execution_count"] = cell.ExecutionCount;
            var outputs = new JsonArray();
            foreach (var output in cell.Outputs)
            {
                outputs.Add(WriteOutput(output));
            }
            obj["outputs"] = outputs;
        }
        return obj;
    }

    private static JsonObject WriteOutput(NotebookOutput output)
    {
        var obj = Copy(output.Extra);
        obj["output_type"] = output.OutputType;
        switch (output)
        {
            case StreamOutput stream:
                obj["name"] = stream.Name;
                obj["text"] = MultilineText.Split(stream.Text);
                break;
            case DisplayDataOutput display:
                obj["data"] = WriteBundle(display.Data);
                obj["metadata"] = display.Metadata.DeepClone();
                break;
            case ExecuteResultOutput result:
                obj["execution_count"] = result.ExecutionCount;
                obj["data"] = WriteBundle(result.Data);
                obj["metadata"] = result.Metadata.DeepClone();
                break;
            case ErrorOutput error:
                obj["ename"] = error.EName;
                obj["evalue"] = error.EValue;
                obj["traceback"] = new JsonArray(error.Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
                break;
        }
        return obj;
    }

    private static JsonObject WriteBundle(JsonObject data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, value) in data)
        {
            bundle[mime] = value is JsonValue v && v.TryGetValue<string>(out var text) && MimeTypes.IsSplitOnWrite(mime)
                ? MultilineText.Split(text)
                : value?.DeepClone();
        }
        return bundle;
    }

    private static JsonObject Copy(JsonObject extra) => (JsonObject)extra.DeepClone();
}
