namespace Backprop.Interactive;

/// <summary>A package asked for by <c>#r "nuget: Id, Version"</c>; a null version takes the newest.</summary>
internal sealed record NuGetPackage(string Id, string? Version)
{
    public override string ToString() => Version is null ? Id : $"{Id}, {Version}";
}
