using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Backprop.Interactive;

/// <summary>
/// Resolves assemblies a referenced library needs but the cell did not reference (MathNet, Plotly,
/// FSharp.Core beside Backprop.dll): the host's copy first, then the referenced libraries' folders.
/// </summary>
internal sealed class SessionMetadataResolver : MetadataReferenceResolver
{
    private readonly MetadataReferenceResolver _inner = ScriptMetadataResolver.Default;

    public override bool ResolveMissingAssemblies => true;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        _inner.ResolveReference(reference, baseFilePath, properties);

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
    {
        var path = AssemblyResolution.FindHostCopy(referenceIdentity.Name) ?? AssemblyResolution.FindInProbeDirectories(referenceIdentity.Name);
        return path is null ? _inner.ResolveMissingAssembly(definition, referenceIdentity) : AssemblyResolution.Reference(path);
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => 0x5EED;
}
