using System.Globalization;
using System.Net;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Display;

/// <summary>Compact HTML tables and text for MathNet matrices and vectors: large ones show their first and last rows and columns.</summary>
internal static class MatrixDisplay
{
    /// <summary>Rows (and columns) shown from each end when a matrix is larger than twice this.</summary>
    internal const int Edge = 5;

    private const string Style = "border-collapse:collapse;font-family:monospace;font-size:90%";
    private const string CellStyle = "padding:1px 6px;text-align:right;border:1px solid #ddd";

    public static string ToHtml(Matrix<double> m)
    {
        var rows = ShownIndices(m.RowCount);
        var cols = ShownIndices(m.ColumnCount);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"backprop-matrix\" style=\"{Style}\">");
        html.Append(CultureInfo.InvariantCulture, $"<caption style=\"caption-side:bottom;text-align:left\">{m.RowCount}×{m.ColumnCount}</caption>");
        foreach (var r in rows)
        {
            html.Append("<tr>");
            foreach (var c in cols)
            {
                var text = r < 0 ? (c < 0 ? "⋱" : "⋮") : c < 0 ? "…" : Number(m[r, c]);
                html.Append(CultureInfo.InvariantCulture, $"<td style=\"{CellStyle}\">{WebUtility.HtmlEncode(text)}</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</table>").ToString();
    }

    public static string ToHtml(Vector<double> v)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"backprop-vector\" style=\"{Style}\">");
        html.Append(CultureInfo.InvariantCulture, $"<caption style=\"caption-side:bottom;text-align:left\">{WebUtility.HtmlEncode(Phrases.VectorTableCaption(v.Count))}</caption><tr>");
        foreach (var i in ShownIndices(v.Count))
        {
            var text = i < 0 ? "…" : Number(v[i]);
            html.Append(CultureInfo.InvariantCulture, $"<td style=\"{CellStyle}\">{WebUtility.HtmlEncode(text)}</td>");
        }

        return html.Append("</tr></table>").ToString();
    }

    public static string ToPlainText(Matrix<double> m)
    {
        var rows = ShownIndices(m.RowCount);
        var cols = ShownIndices(m.ColumnCount);
        var cells = rows.Select(r => cols.Select(c => r < 0 ? (c < 0 ? "⋱" : "⋮") : c < 0 ? "…" : Number(m[r, c])).ToArray()).ToArray();
        var widths = cols.Select((_, j) => cells.Max(row => row[j].Length)).ToArray();
        var text = new StringBuilder(Phrases.MatrixCaption(m.RowCount, m.ColumnCount));
        foreach (var row in cells)
        {
            text.Append('\n').Append(string.Join("  ", row.Select((cell, j) => cell.PadLeft(widths[j]))));
        }

        return text.ToString();
    }

    public static string ToPlainText(Vector<double> v) =>
        Phrases.VectorCaption(v.Count) + "\n[" + string.Join(", ", ShownIndices(v.Count).Select(i => i < 0 ? "…" : Number(v[i]))) + "]";

    /// <summary>All indices when there are at most 2·<see cref="Edge"/>, else the first and last <see cref="Edge"/> with −1 marking the gap.</summary>
    internal static int[] ShownIndices(int count) =>
        count <= 2 * Edge
            ? Enumerable.Range(0, count).ToArray()
            : [.. Enumerable.Range(0, Edge), -1, .. Enumerable.Range(count - Edge, Edge)];

    private static string Number(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
