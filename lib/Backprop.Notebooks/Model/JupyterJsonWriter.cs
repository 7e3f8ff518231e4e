using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>
/// Writes JSON the way Jupyter's nbformat does (<c>json.dumps(nb, sort_keys=True, indent=1,
/// ensure_ascii=False)</c> plus a final newline), so that files we write diff cleanly against
/// files Jupyter or VS Code wrote. Numbers read from a file keep their original spelling.
/// </summary>
internal static class JupyterJsonWriter
{
    public static string Write(JsonNode root)
    {
        var builder = new StringBuilder();
        WriteNode(builder, root, 0);
        builder.Append('\n');
        return builder.ToString();
    }

    private static void WriteNode(StringBuilder builder, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, depth);
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }
        builder.Append('{');
        var first = true;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(first ? "\n" : ",\n");
            first = false;
            builder.Append(' ', depth + 1);
            WriteString(builder, key);
            builder.Append(": ");
            WriteNode(builder, value, depth + 1);
        }
        builder.Append('\n').Append(' ', depth).Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }
        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            builder.Append(i == 0 ? "\n" : ",\n");
            builder.Append(' ', depth + 1);
            WriteNode(builder, array[i], depth + 1);
        }
        builder.Append('\n').Append(' ', depth).Append(']');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(builder, element.GetString()!);
                    return;
                case JsonValueKind.Number:
                    builder.Append(element.GetRawText());
                    return;
                case JsonValueKind.True:
                    builder.Append("true");
                    return;
                case JsonValueKind.False:
                    builder.Append("false");
                    return;
                case JsonValueKind.Null:
                    builder.Append("null");
                    return;
                default:
                    WriteNode(builder, JsonNode.Parse(element.GetRawText()), 0);
                    return;
            }
        }
        if (value.TryGetValue<string>(out var text))
        {
            WriteString(builder, text);
            return;
        }
        if (value.TryGetValue<char>(out var character))
        {
            WriteString(builder, character.ToString());
            return;
        }
        if (value.TryGetValue<bool>(out var flag))
        {
            builder.Append(flag ? "true" : "false");
            return;
        }
        if (value.TryGetValue<double>(out var number) && (double.IsNaN(number) || double.IsInfinity(number)))
        {
            builder.Append(double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
            return;
        }
        builder.Append(value.ToJsonString());
    }

    /// <summary>Escapes as Python's json module does with ensure_ascii=False.</summary>
    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }
}
