using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Backprop.Interactive;

/// <summary>
/// Keeps one copy of every assembly: cells' references load into the default load context, an
/// assembly the host already has (loaded or on its trusted list — e.g. Backprop.dll in the
/// <c>backprop</c> CLI) is used instead of a second copy from the notebook's path, and dependencies
/// (managed and native) are found in the folders of referenced assemblies and restored packages.
/// </summary>
internal static class AssemblyResolution
{
    private static readonly object Gate = new();
    private static readonly List<string> ProbeDirectories = [];
    private static readonly ConcurrentDictionary<string, PortableExecutableReference> References = new(StringComparer.Ordinal);
    private static readonly Lazy<Dictionary<string, string>> TrustedPlatformAssemblies = new(ReadTrustedPlatformAssemblies);
    private static bool _installed;

    /// <summary>Hooks the default load context's resolving events (once per process).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            AssemblyLoadContext.Default.Resolving += (context, name) => Resolve(context, name);
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) => ResolveNative(name);
            _installed = true;
        }
    }

    /// <summary>Adds a folder where dependencies of referenced assemblies are looked for.</summary>
    public static void AddProbeDirectory(string directory)
    {
        lock (Gate)
        {
            if (!ProbeDirectories.Contains(directory, StringComparer.Ordinal))
            {
                ProbeDirectories.Add(directory);
            }
        }
    }

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> for a cell and returns the file the compiler should
    /// reference: the host's copy when it already has one of that name, else <paramref name="path"/> itself.
    /// </summary>
    public static (Assembly Assembly, string ReferencePath, string? Warning) Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        AddProbeDirectory(Path.GetDirectoryName(path)!);

        var hostCopy = FindHostCopy(name.Name!);
        if (hostCopy is not null && !string.Equals(Path.GetFullPath(hostCopy), path, StringComparison.Ordinal))
        {
            var hostName = AssemblyName.GetAssemblyName(hostCopy);
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(hostName);
            string? warning = name.Version > hostName.Version
                ? $"#r: {name.Name} {name.Version} at {path} is newer than the copy this kernel already uses ({hostName.Version}, {hostCopy}); using the kernel's copy\n"
                : null;
            return (assembly, assembly.Location.Length > 0 ? assembly.Location : hostCopy, warning);
        }

        var loaded = FindLoaded(name.Name!) ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        return (loaded, loaded.Location.Length > 0 ? loaded.Location : path, null);
    }

    /// <summary>A metadata reference to <paramref name="path"/>, with its XML documentation when it sits beside it (cached).</summary>
    public static PortableExecutableReference Reference(string path) =>
        References.GetOrAdd(path, p =>
        {
            var xml = Path.ChangeExtension(p, ".xml");
            return MetadataReference.CreateFromFile(p, documentation: File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null);
        });

    /// <summary>The file of an assembly the host already has under <paramref name="simpleName"/>: loaded in the default context, or on its trusted list.</summary>
    public static string? FindHostCopy(string simpleName)
    {
        var loaded = FindLoaded(simpleName);
        if (loaded is { Location.Length: > 0 })
        {
            return loaded.Location;
        }

        return TrustedPlatformAssemblies.Value.TryGetValue(simpleName, out var path) ? path : null;
    }

    /// <summary>A dependency's file in the probe folders, if there.</summary>
    public static string? FindInProbeDirectories(string simpleName)
    {
        lock (Gate)
        {
            return ProbeDirectories
                .Select(d => Path.Combine(d, simpleName + ".dll"))
                .FirstOrDefault(File.Exists);
        }
    }

    private static Assembly? FindLoaded(string simpleName) =>
        AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase));

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null)
        {
            return null;
        }

        var loaded = FindLoaded(name.Name);
        if (loaded is not null)
        {
            return loaded;
        }

        var path = FindInProbeDirectories(name.Name);
        return path is null ? null : context.LoadFromAssemblyPath(path);
    }

    private static IntPtr ResolveNative(string name)
    {
        string[] candidates = [name, "lib" + name + ".so", name + ".so", "lib" + name + ".dylib", name + ".dll"];
        List<string> directories;
        lock (Gate)
        {
            directories = [.. ProbeDirectories];
        }

        foreach (var path in directories.SelectMany(d => candidates.Select(c => Path.Combine(d, c))))
        {
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return byName;
    }
}
