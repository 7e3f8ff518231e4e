namespace Backprop.Tests.Localization;

/// <summary>
/// Tests that switch <see cref="Backprop.Text.Language"/>, a process-wide setting: they run alone,
/// after the parallel tests, so that no other test sees Korean labels.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LanguageCollection
{
    public const string Name = "Text.Language (process-wide)";
}
