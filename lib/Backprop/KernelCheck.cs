namespace Backprop;

/// <summary>
/// The notebooks' setup cell stops at once, with what to do, when it runs on .NET Interactive (the
/// deprecated kernel of Polyglot Notebooks, whose <c>.net-csharp</c> name the notebooks' metadata carries)
/// instead of the C# (Backprop) kernel: there the later cells fail one after another (its FSharp.Core
/// 10.0.103 is older than the 10.1.403 Plotly.NET 6 needs; <c>ToHtmlContent</c> and the cell's
/// <c>CancellationToken</c> do not exist).
/// </summary>
public static class KernelCheck
{
    /// <summary>The one line a learner on .NET Interactive reads.</summary>
    public const string WrongKernelMessage =
        "These notebooks run on the C# (Backprop) kernel, not on .NET Interactive (Polyglot Notebooks): in the repository run " +
        "`./backprop kernel install` (Windows: `backprop.cmd kernel install`), then pick \"C# (Backprop)\" in Select Kernel → Jupyter Kernel… and run this cell again.";

    /// <summary>
    /// Does nothing on the C# (Backprop) kernel or any other host; on .NET Interactive, throws with
    /// <see cref="WrongKernelMessage"/>, which the cell shows as its error — and "Run All" stops there.
    /// </summary>
    /// <exception cref="NotSupportedException">The cell runs on .NET Interactive.</exception>
    public static void RequireBackpropKernel()
    {
        if (IsDotNetInteractive(AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name)))
        {
            throw new NotSupportedException(WrongKernelMessage);
        }
    }

    /// <summary>
    /// Whether assemblies of these names are .NET Interactive's: its kernel core, <c>Microsoft.DotNet.Interactive</c>
    /// (the C# (Backprop) kernel loads only the formatting package, <c>Microsoft.DotNet.Interactive.Formatting</c>).
    /// </summary>
    internal static bool IsDotNetInteractive(IEnumerable<string?> loadedAssemblies) =>
        loadedAssemblies.Any(name => string.Equals(name, "Microsoft.DotNet.Interactive", StringComparison.Ordinal));
}
