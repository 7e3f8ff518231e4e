using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.KernelSpecs;

/// <summary>
/// Writes, finds and removes kernelspec folders (kernel.json and logos) under one kernels folder.
/// A folder is written whole beside the target and renamed into place; a kernelspec of the same
/// name that this project did not write is never replaced or removed.
/// </summary>
public sealed class KernelSpecStore
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates a store over <paramref name="kernelsDirectory"/> (for example ~/.local/share/jupyter/kernels).</summary>
    public KernelSpecStore(string kernelsDirectory)
    {
        KernelsDirectory = Path.GetFullPath(kernelsDirectory);
    }

    /// <summary>The kernels folder.</summary>
    public string KernelsDirectory { get; }

    /// <summary>Writes the kernelspec <paramref name="name"/> unless another kernel owns that name here.</summary>
    public KernelSpecInstallResult Install(string name, KernelSpec spec)
    {
        CheckName(name);
        var target = Path.Combine(KernelsDirectory, name);
        if (Directory.Exists(target) && !IsOurs(target))
        {
            return new KernelSpecInstallResult(name, target, false, $"{target} belongs to another kernel; left unchanged");
        }
        Directory.CreateDirectory(KernelsDirectory);
        var staging = Path.Combine(KernelsDirectory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "kernel.json"), spec.ToJson().ToJsonString(s_indented) + "\n");
            File.WriteAllBytes(Path.Combine(staging, "logo-32x32.png"), KernelLogo.Png(32));
            File.WriteAllBytes(Path.Combine(staging, "logo-64x64.png"), KernelLogo.Png(64));
            if (Directory.Exists(target))
            {
                var old = Path.Combine(KernelsDirectory, $".{name}.{Guid.NewGuid():N}.old");
                Directory.Move(target, old);
                Directory.Move(staging, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(staging, target);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        return new KernelSpecInstallResult(name, target, true);
    }

    /// <summary>Removes the kernelspec <paramref name="name"/> if this project wrote it; returns whether it did.</summary>
    public bool Uninstall(string name)
    {
        CheckName(name);
        var target = Path.Combine(KernelsDirectory, name);
        if (!Directory.Exists(target))
        {
            return false;
        }
        if (!IsOurs(target))
        {
            throw new InvalidOperationException($"{target} belongs to another kernel; not removed");
        }
        Directory.Delete(target, recursive: true);
        return true;
    }

    /// <summary>The kernelspec folders here (name, folder, whether this project wrote it), sorted by name.</summary>
    public IReadOnlyList<(string Name, string Directory, bool Ours)> List()
    {
        if (!Directory.Exists(KernelsDirectory))
        {
            return [];
        }
        return [.. Directory.GetDirectories(KernelsDirectory)
            .Where(d => File.Exists(Path.Combine(d, "kernel.json")))
            .Select(d => (Path.GetFileName(d), d, IsOurs(d)))
            .OrderBy(k => k.Item1, StringComparer.Ordinal)];
    }

    /// <summary>Whether the kernelspec folder holds a kernel.json this project wrote.</summary>
    public static bool IsOurs(string directory)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "kernel.json")));
            return json?["metadata"]?[KernelSpec.OwnerKey] is JsonObject;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
        {
            throw new ArgumentException($"kernel name \"{name}\" may use only ASCII letters, digits, '.', '-' and '_'");
        }
    }
}
