using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Backprop.Interactive;

/// <summary>
/// The .NET libraries cells compile against. Scripts use the running runtime's own files (Roslyn
/// scripting adds the runtime's core library itself, so reference assemblies cannot be mixed in);
/// completion and inspection use the SDK's reference pack when present, for its XML documentation.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Runtime = new(LoadRuntime);
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Documented = new(LoadDocumented);

    /// <summary>The runtime's own assemblies (no System.Private.*; Roslyn adds the core library).</summary>
    public static IReadOnlyList<MetadataReference> ForScripts() => Runtime.Value;

    /// <summary>The reference pack with documentation when the SDK has it, else <see cref="ForScripts"/>.</summary>
    public static IReadOnlyList<MetadataReference> ForCompletion() => Documented.Value;

    private static string RuntimeDirectory => Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    private static IReadOnlyList<MetadataReference> LoadRuntime() =>
        Directory.GetFiles(RuntimeDirectory, "*.dll")
            .Where(IsPublicManagedLibrary)
            .Order(StringComparer.Ordinal)
            .Select(f => (MetadataReference)AssemblyResolution.Reference(f))
            .ToList();

    private static IReadOnlyList<MetadataReference> LoadDocumented()
    {
        // The runtime directory is <dotnet>/shared/Microsoft.NETCore.App/<version>.
        var version = new DirectoryInfo(RuntimeDirectory).Name;
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeDirectory, "..", "..", ".."));
        var moniker = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var pack = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref", version, "ref", moniker);
        if (!File.Exists(Path.Combine(pack, "System.Runtime.dll")))
        {
            return ForScripts();
        }

        return Directory.GetFiles(pack, "*.dll")
            .Order(StringComparer.Ordinal)
            .Select(f => (MetadataReference)AssemblyResolution.Reference(f))
            .ToList();
    }

    private static bool IsPublicManagedLibrary(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var wanted = name is "netstandard" or "mscorlib" or "Microsoft.CSharp" or "Microsoft.VisualBasic.Core" or "Microsoft.VisualBasic"
            || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal)
            || (name.StartsWith("System", StringComparison.Ordinal) && !name.StartsWith("System.Private.", StringComparison.Ordinal));
        if (!wanted)
        {
            return false;
        }

        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
