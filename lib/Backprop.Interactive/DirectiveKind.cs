namespace Backprop.Interactive;

/// <summary>What a directive line asks for.</summary>
internal enum DirectiveKind
{
    /// <summary><c>#r "path.dll"</c>.</summary>
    AssemblyReference,

    /// <summary><c>#r "nuget: Id, Version"</c>.</summary>
    PackageReference,

    /// <summary><c>#i "nuget: source"</c>.</summary>
    PackageSource,

    /// <summary><c>#!time</c> (or <c>%%time</c>), <c>#!who</c>, <c>#!whos</c>, <c>#!lsmagic</c>: the value is the magic's name.</summary>
    Magic,
}
