using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Backprop.Charts;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Backprop.Display;

/// <summary>
/// Registers how notebooks show the library's types through Microsoft.DotNet.Interactive.Formatting:
/// Plotly.NET charts as plotly JSON and HTML, MathNet matrices and vectors as compact tables, digit
/// images as PNG. It runs by itself when Backprop.dll is first used (unless the host turns that off with
/// <see cref="RegisterOnLoadSwitch"/>); calling it again does nothing.
/// </summary>
public static class BackpropFormatters
{
    /// <summary>Mime type of a plotly figure ({data, layout, config}) that Jupyter frontends render offline.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Registers the formatters once per process (any host formatting through the package sees them).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyDisplay.ToFigureJson(chart)), PlotlyMimeType);
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyDisplay.ToHtml(chart)), "text/html");
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyDisplay.ToPlainText(chart)), "text/plain");
            Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), PlotlyMimeType, "text/html");

            Formatter.Register<Matrix<double>>((m, writer) => writer.Write(MatrixDisplay.ToHtml(m)), "text/html");
            Formatter.Register<Matrix<double>>((m, writer) => writer.Write(MatrixDisplay.ToPlainText(m)), "text/plain");
            Formatter.SetPreferredMimeTypesFor(typeof(Matrix<double>), "text/html");

            Formatter.Register<Vector<double>>((v, writer) => writer.Write(MatrixDisplay.ToHtml(v)), "text/html");
            Formatter.Register<Vector<double>>((v, writer) => writer.Write(MatrixDisplay.ToPlainText(v)), "text/plain");
            Formatter.SetPreferredMimeTypesFor(typeof(Vector<double>), "text/html");

            Formatter.Register<DigitImage>((image, writer) => writer.Write(Convert.ToBase64String(image.ToPng())), "image/png");
            Formatter.Register<DigitImage>((image, writer) => writer.Write(image.ToString()), "text/plain");
            Formatter.SetPreferredMimeTypesFor(typeof(DigitImage), "image/png");

            _registered = true;
        }
    }

    /// <summary>
    /// The AppContext switch that a host sets to false when it registers the formatters itself, when it needs
    /// them: the `backprop` command does, so that training does not spend ~30 ms at start loading the
    /// formatting and charting libraries for nothing.
    /// </summary>
    public const string RegisterOnLoadSwitch = "Backprop.Display.RegisterFormattersOnLoad";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Formatters must exist as soon as a notebook host loads Backprop.dll.")]
    internal static void RegisterWhenLoaded()
    {
        if (!AppContext.TryGetSwitch(RegisterOnLoadSwitch, out var registerOnLoad) || registerOnLoad)
        {
            Register();
        }
    }
}
