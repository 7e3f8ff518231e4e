using System.Diagnostics;

namespace Backprop.Cli.Tests;

/// <summary>backprop.ps1 run by PowerShell itself (pwsh, which runs on Linux too).</summary>
public sealed class PowerShellLauncherTests : IDisposable
{
    private readonly string layout = Directory.CreateTempSubdirectory("backprop-ps1").FullName;

    public void Dispose() => Directory.Delete(layout, recursive: true);

    [RequiresPwshFact]
    public void The_script_parses_without_errors()
    {
        var script = Path.Combine(LauncherTests.Root(), "backprop.ps1").Replace("'", "''");
        var run = Pwsh("-NoProfile", "-Command",
            $"$errors = $null; $tokens = $null; [void][System.Management.Automation.Language.Parser]::ParseFile('{script}', [ref]$tokens, [ref]$errors); $errors | ForEach-Object {{ $_.Message }}; exit $errors.Count");

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [RequiresPwshFact]
    public void The_script_runs_the_published_command_passing_arguments_and_exit_code_on_and_restores_the_environment()
    {
        // a checkout whose launcher directory is already published: the script runs it without publishing
        var built = Path.Combine(LauncherTests.Root(), "lib", "Backprop.Cli", "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(built, "Backprop.Cli.dll")), $"build the solution first: {built} has no Backprop.Cli.dll");
        var launcher = Path.Combine(layout, "lib", "Backprop.Cli", "bin", "launcher");
        CopyDirectory(built, launcher);
        File.Copy(Path.Combine(LauncherTests.Root(), "backprop.ps1"), Path.Combine(layout, "backprop.ps1"));
        var script = Path.Combine(layout, "backprop.ps1").Replace("'", "''");

        var run = Pwsh("-NoProfile", "-Command",
            $"& '{script}' train --data '{Path.Combine(layout, "nowhere")}'; $code = $LASTEXITCODE; \"exit $code, GCgen0size '$env:DOTNET_GCgen0size'\"");

        Assert.Contains("error: MNIST directory not found:", run.Output);
        Assert.Contains("exit 2, GCgen0size ''", run.Output);   // the command's exit code, and the session's environment as it was
    }

    private static (int ExitCode, string Output) Pwsh(params string[] arguments)
    {
        var start = new ProcessStartInfo(RequiresPwshFactAttribute.Pwsh() ?? throw new InvalidOperationException("CI=true but pwsh was not found (BACKPROP_PWSH)"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("DOTNET_GCgen0size");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
