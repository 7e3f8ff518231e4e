namespace Backprop.Tests.Data;

/// <summary>
/// A fact about transparent huge pages: skipped with a message where the system has none to give (not
/// Linux, or /sys/kernel/mm/transparent_hugepage/enabled says [never]) — a setting of the machine, not a
/// package CI could install.
/// </summary>
public sealed class RequiresTransparentHugePagesFactAttribute : FactAttribute
{
    private const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";

    public RequiresTransparentHugePagesFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Setting))
        {
            Skip = $"transparent huge pages: {Setting} does not exist on this system";
        }
        else if (File.ReadAllText(Setting).Contains("[never]", StringComparison.Ordinal))
        {
            Skip = $"transparent huge pages are switched off here ({Setting}: [never])";
        }
    }
}
