namespace Backprop.Interactive;

/// <summary>One directive taken out of a cell; <paramref name="Line"/> is 1-based in the cell.</summary>
internal sealed record Directive(DirectiveKind Kind, string Value, string? Version, int Line, string Text);
