namespace Backprop.Notebooks.Model;

/// <summary>Mime type names the notebook model and the exporter treat specially.</summary>
public static class MimeTypes
{
    /// <summary>Plain text, present in almost every bundle.</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML fragments (tables, formatted objects).</summary>
    public const string Html = "text/html";

    /// <summary>Markdown text.</summary>
    public const string Markdown = "text/markdown";

    /// <summary>LaTeX, usually wrapped in <c>$…$</c> or <c>$$…$$</c>.</summary>
    public const string Latex = "text/latex";

    /// <summary>A base64 PNG image.</summary>
    public const string Png = "image/png";

    /// <summary>A base64 JPEG image.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>A base64 GIF image.</summary>
    public const string Gif = "image/gif";

    /// <summary>SVG markup.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary>Any JSON value.</summary>
    public const string Json = "application/json";

    /// <summary>A Plotly figure: <c>{data, layout, config}</c>.</summary>
    public const string Plotly = "application/vnd.plotly.v1+json";

    /// <summary>Whether nbformat stores the value as JSON rather than as (possibly split) text.</summary>
    public static bool IsJson(string mime) =>
        mime == Json || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>Whether nbformat writes the value as a list of lines.</summary>
    public static bool IsSplitOnWrite(string mime) =>
        mime.StartsWith("text/", StringComparison.Ordinal) || mime is "application/javascript" or Svg;
}
