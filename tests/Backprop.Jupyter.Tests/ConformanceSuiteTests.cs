using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Backprop.Jupyter.Tests;

/// <summary>Runs jupyter_kernel_test's 12 tests against the kernel installed from this build.</summary>
public sealed partial class ConformanceSuiteTests
{
    [GeneratedRegex(@"^Ran (\d+) tests? in", RegexOptions.Multiline)]
    private static partial Regex RanLine();

    [GeneratedRegex(@"^(OK|FAILED)(?: \((.*)\))?\s*$", RegexOptions.Multiline)]
    private static partial Regex VerdictLine();

    [RequiresJupyterKernelTestFact]
    public void Installed_kernel_passes_all_12_conformance_tests_with_none_skipped()
    {
        using var prefix = new TempDirectory();
        var install = CliRun.Of("kernel", "install", "--prefix", prefix.Path, "--name", "backprop-csharp");
        Assert.True(install.ExitCode == 0, install.Error);

        var suite = Path.Combine(AppContext.BaseDirectory, "conformance");
        var start = new ProcessStartInfo(RequiresJupyterKernelTestFactAttribute.Python, ["-m", "unittest", "-v", "test_backprop_kernel"])
        {
            WorkingDirectory = suite,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["JUPYTER_PATH"] = Path.Combine(prefix.Path, "share", "jupyter");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(prefix.Path, "runtime");
        start.Environment["BACKPROP_KERNEL_NAME"] = "backprop-csharp";
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        python.WaitForExit();
        // unittest reports on stderr.
        var report = stderr.Result + stdout.Result;

        var ran = RanLine().Match(report);
        var verdict = VerdictLine().Match(report);
        Assert.True(ran.Success && verdict.Success, $"no unittest summary in:\n{report}");
        Assert.True(ran.Groups[1].Value == "12" && verdict.Groups[1].Value == "OK" && verdict.Groups[2].Value == "",
            $"expected 12 tests, OK, none skipped; got {ran.Value} {verdict.Value}:\n{report}");
        Assert.Equal(0, python.ExitCode);
    }
}
