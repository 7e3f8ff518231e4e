namespace Backprop.Interactive;

/// <summary>A cell with its directive lines blanked (so line numbers stay the cell's own), the directives, and a directive error if any.</summary>
internal sealed record ParsedCell(string Code, IReadOnlyList<Directive> Directives, string? Error);
