using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace Backprop.Interactive;

/// <summary>Turns a value into a Jupyter mime bundle through Microsoft.DotNet.Interactive.Formatting.</summary>
internal static class ValueFormatter
{
    private const string PlainText = "text/plain";

    /// <summary>The value in its preferred mime types (in the registered order), text/plain always last.</summary>
    public static MimeBundle ToBundle(object? value)
    {
        if (value is null)
        {
            return MimeBundle.PlainText(Formatter.NullString);
        }

        var mimeTypes = Formatter.GetPreferredMimeTypesFor(value.GetType()).ToList();
        if (mimeTypes.Count == 0)
        {
            mimeTypes.Add(Formatter.DefaultMimeType);
        }

        return Format(value, mimeTypes);
    }

    /// <summary>
    /// The value formatted as <paramref name="mimeType"/> only, plus text/plain. A string is taken as
    /// content already in that mime type: <c>display("&lt;b&gt;hi&lt;/b&gt;", "text/html")</c> shows bold text.
    /// </summary>
    public static MimeBundle ToBundle(object? value, string mimeType)
    {
        if (value is not string content)
        {
            return value is null ? MimeBundle.PlainText(Formatter.NullString) : Format(value, [mimeType]);
        }

        var data = new JsonObject { [mimeType] = IsJson(mimeType) ? ParseOrText(content) : content };
        if (mimeType != PlainText)
        {
            data[PlainText] = content;
        }

        return new MimeBundle(data, new JsonObject());
    }

    private static MimeBundle Format(object value, IReadOnlyList<string> mimeTypes)
    {
        var data = new JsonObject();
        foreach (var mimeType in mimeTypes.Where(m => m != PlainText).Distinct())
        {
            var text = Formatter.ToDisplayString(value, mimeType);
            data[mimeType] = IsJson(mimeType) ? ParseOrText(text) : text;
        }

        data[PlainText] = Formatter.ToDisplayString(value, PlainText);
        return new MimeBundle(data, new JsonObject());
    }

    private static bool IsJson(string mimeType) =>
        mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
