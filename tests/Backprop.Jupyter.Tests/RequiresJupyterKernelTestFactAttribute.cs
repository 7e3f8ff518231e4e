using System.Diagnostics;

namespace Backprop.Jupyter.Tests;

/// <summary>
/// A fact that needs Debian's /usr/bin/python3 with jupyter_kernel_test (package
/// python3-jupyter-kernel-test): skipped with a message where it is missing, except under CI=true,
/// where the test runs and fails instead.
/// </summary>
public sealed class RequiresJupyterKernelTestFactAttribute : FactAttribute
{
    /// <summary>The Python that has the Debian Jupyter packages.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the suite cannot run here (and CI is not set).</summary>
    public RequiresJupyterKernelTestFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            return;
        }
        if (MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? MissingReason()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found: install python3-jupyter-kernel-test to run the kernel conformance suite";
        }
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(Python, ["-c", "import jupyter_kernel_test, jupyter_client"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            probe.WaitForExit();
            return probe.ExitCode == 0 ? null : "jupyter_kernel_test is not importable by /usr/bin/python3: apt-get install python3-jupyter-kernel-test";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{Python} cannot be started: {e.Message}";
        }
    }
}
