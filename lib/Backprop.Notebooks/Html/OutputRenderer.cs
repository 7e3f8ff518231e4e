using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Html;

/// <summary>
/// Turns cell outputs into HTML: streams, errors (ANSI codes stripped), and for a mime bundle the
/// richest representation the page can show (a Plotly chart, HTML, markdown, LaTeX, images, JSON,
/// text). A mime type it does not know is shown as text with a note, never dropped.
/// </summary>
internal sealed partial class OutputRenderer
{
    private static readonly string[] Preference =
    {
        MimeTypes.Plotly, MimeTypes.Html, MimeTypes.Markdown, MimeTypes.Latex, MimeTypes.Svg,
        MimeTypes.Png, MimeTypes.Jpeg, MimeTypes.Gif, MimeTypes.Json, MimeTypes.PlainText,
    };

    private int charts;

    /// <summary>How many Plotly charts were rendered so far.</summary>
    public int Charts => charts;

    public string Render(NotebookOutput output) => output switch
    {
        StreamOutput stream => Stream(stream),
        ErrorOutput error => Error(error),
        DisplayDataOutput display => Bundle(display.Data),
        ExecuteResultOutput result => Bundle(result.Data),
        _ => Unknown(output.OutputType, output.Extra.ToJsonString()),
    };

    /// <summary>Removes ANSI escape sequences (colours, cursor moves) from terminal text.</summary>
    public static string StripAnsi(string text) => AnsiEscape().Replace(text, "");

    /// <summary>Applies carriage returns as a terminal would: text after a \r overwrites its line.</summary>
    public static string ApplyCarriageReturns(string text)
    {
        if (!text.Contains('\r'))
        {
            return text;
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split('\r');
            var last = parts.LastOrDefault(p => p.Length > 0) ?? "";
            lines[i] = last;
        }
        return string.Join('\n', lines);
    }

    private static string Stream(StreamOutput stream)
    {
        var kind = stream.Name == "stderr" ? "stderr" : "stdout";
        var (shown, note) = LongStreamText.Cut(stream.Text);
        var text = ApplyCarriageReturns(StripAnsi(shown));
        var after = note is null ? "" : $"<span class=\"output-truncated\">{Encode(note)}</span>";
        return $"<div class=\"output output-stream output-{kind}\"><pre>{Encode(text)}{after}</pre></div>";
    }

    private static string Error(ErrorOutput error)
    {
        var html = new StringBuilder("<div class=\"output output-error\" role=\"alert\"><pre>");
        html.Append("<strong class=\"ename\">").Append(Encode(StripAnsi(error.EName))).Append("</strong>: ")
            .Append(Encode(StripAnsi(error.EValue)));
        foreach (var line in error.Traceback)
        {
            html.Append('\n').Append(Encode(StripAnsi(line)));
        }
        return html.Append("</pre></div>").ToString();
    }

    private string Bundle(JsonObject data)
    {
        var html = new StringBuilder();
        var chosen = Preference.FirstOrDefault(mime => data[mime] is not null && CanRender(mime, data[mime]!));
        if (chosen is not null)
        {
            html.Append(Rich(chosen, data[chosen]!));
        }
        foreach (var (mime, value) in data)
        {
            if (!Preference.Contains(mime) && value is not null)
            {
                html.Append(Unknown(mime, ValueText(value)));
            }
        }
        if (data.Count == 0)
        {
            html.Append("<div class=\"output output-empty\"></div>");
        }
        return html.ToString();
    }

    private static bool CanRender(string mime, JsonNode value) => mime switch
    {
        MimeTypes.Plotly => value is JsonObject,
        MimeTypes.Png or MimeTypes.Jpeg or MimeTypes.Gif => IsBase64(Text(value)),
        _ => true,
    };

    private string Rich(string mime, JsonNode value)
    {
        switch (mime)
        {
            case MimeTypes.Plotly:
                var id = $"plotly-chart-{++charts}";
                var figure = value.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
                return $"<div class=\"output output-plotly\"><div class=\"plotly-chart\" id=\"{id}\"></div>"
                    + $"<script type=\"application/json\" class=\"plotly-figure\" data-target=\"{id}\">{figure}</script></div>";
            case MimeTypes.Html:
                return $"<div class=\"output output-html\">{Text(value)}</div>";
            case MimeTypes.Markdown:
                return $"<div class=\"output output-markdown\">{MarkdownRenderer.ToHtml(Text(value))}</div>";
            case MimeTypes.Latex:
                return $"<div class=\"output output-latex\"><div class=\"math\">{Encode(StripDollars(Text(value)))}</div></div>";
            case MimeTypes.Svg:
                var svg = Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(value)));
                return $"<div class=\"output output-image\"><img alt=\"SVG output\" src=\"data:image/svg+xml;base64,{svg}\"></div>";
            case MimeTypes.Png or MimeTypes.Jpeg or MimeTypes.Gif:
                return $"<div class=\"output output-image\"><img alt=\"{mime} output\" src=\"data:{mime};base64,{Base64(Text(value))}\"></div>";
            case MimeTypes.Json:
                var pretty = value is JsonValue ? value.ToJsonString() : value.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                return $"<div class=\"output output-json\"><pre>{Encode(pretty)}</pre></div>";
            default:
                return $"<div class=\"output output-text\"><pre>{Encode(ApplyCarriageReturns(StripAnsi(Text(value))))}</pre></div>";
        }
    }

    private static string Unknown(string mime, string text) =>
        $"<div class=\"output output-unknown\"><p class=\"output-note\">Output of type <code>{Encode(mime)}</code>: "
        + $"this exporter cannot render it, so it is shown as text.</p><pre>{Encode(text)}</pre></div>";

    private static string StripDollars(string latex)
    {
        var t = latex.Trim();
        if (t.Length >= 4 && t.StartsWith("$$", StringComparison.Ordinal) && t.EndsWith("$$", StringComparison.Ordinal))
        {
            return t[2..^2];
        }
        if (t.Length >= 2 && t[0] == '$' && t[^1] == '$')
        {
            return t[1..^1];
        }
        return t;
    }

    private static string Text(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static string ValueText(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s)
        ? s
        : value.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Base64(string text) => WhiteSpace().Replace(text, "");

    private static bool IsBase64(string text) => text.Length > 0 && Base64Text().IsMatch(Base64(text));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("^[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex Base64Text();
}
