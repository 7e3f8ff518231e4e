using System.IO.Compression;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Interactive.Tests;

/// <summary>Writes a one-assembly NuGet package into a folder feed (compiled here, no network).</summary>
internal static class LocalFeed
{
    public static void WritePackage(string feed, string id, string version, string code)
    {
        var compilation = CSharpCompilation.Create(
            id,
            [CSharpSyntaxTree.ParseText(code)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var dll = new MemoryStream();
        var emitted = compilation.Emit(dll);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>{version}</version>
                <authors>tests</authors>
                <description>A package made by a test.</description>
              </metadata>
            </package>
            """;
        using var package = ZipFile.Open(Path.Combine(feed, $"{id}.{version}.nupkg".ToLowerInvariant()), ZipArchiveMode.Create);
        using (var writer = new StreamWriter(package.CreateEntry($"{id}.nuspec").Open()))
        {
            writer.Write(nuspec);
        }

        using var entry = package.CreateEntry($"lib/net10.0/{id}.dll").Open();
        entry.Write(dll.ToArray());
    }
}
