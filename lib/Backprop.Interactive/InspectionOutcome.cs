namespace Backprop.Interactive;

/// <summary>Signature and documentation of the symbol at the cursor.</summary>
public sealed record InspectionOutcome(bool Found, MimeBundle? Data);
