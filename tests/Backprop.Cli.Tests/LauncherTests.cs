using System.Text.RegularExpressions;

namespace Backprop.Cli.Tests;

/// <summary>backprop.cmd and backprop.ps1 do what ./backprop does: the same publish, the same paths, the same runtime settings.</summary>
public sealed partial class LauncherTests
{
    internal static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.Notebooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"not run from a checkout: no Backprop.Notebooks.sln above {AppContext.BaseDirectory}");
    }

    private static string Read(string name) => File.ReadAllText(Path.Combine(Root(), name));

    private static string Windows(string path) => path.Replace('/', '\\');

    /// <summary>./backprop's runtime settings: <c>export NAME="${NAME:-VALUE}"</c>.</summary>
    private static List<(string Name, string Value)> BashSettings() =>
        ExportPattern().Matches(Read("backprop")).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [GeneratedRegex(@"^export (DOTNET_\w+)=""\$\{\1:-([^}]+)\}""", RegexOptions.Multiline)]
    private static partial Regex ExportPattern();

    [Fact]
    public void The_launchers_set_the_runtime_settings_of_the_bash_launcher_only_when_unset()
    {
        var settings = BashSettings();
        Assert.NotEmpty(settings);
        foreach (var (name, value) in settings)
        {
            Assert.Contains($"if not defined {name} set \"{name}={value}\"", Read("backprop.cmd"));
            Assert.Contains($"if (-not $env:{name}) {{ $env:{name} = '{value}' }}", Read("backprop.ps1"));
        }
        Assert.Equal(settings.Count, Regex.Matches(Read("backprop.cmd"), @"if not defined DOTNET_").Count);
        Assert.Equal(settings.Count, Regex.Matches(Read("backprop.ps1"), @"if \(-not \$env:DOTNET_").Count);
    }

    [Fact]
    public void The_launchers_publish_with_the_options_of_the_bash_launcher_into_the_same_directory()
    {
        var bash = Regex.Replace(Read("backprop"), @"\\\n\s*", "");   // continued lines joined
        var options = Regex.Match(bash, @"dotnet publish ""\$root/lib/Backprop\.Cli/Backprop\.Cli\.csproj"" (-c Release.*?) -o ""\$out""").Groups[1].Value.Trim();
        Assert.Contains("-p:PublishReadyToRun=true", options);
        Assert.Contains("out=\"$root/lib/Backprop.Cli/bin/launcher\"", bash);
        Assert.Contains("built=\"$root/lib/Backprop.Cli/bin/Release/net10.0/Backprop.Cli.dll\"", bash);

        var cmd = Read("backprop.cmd");
        Assert.Contains($"dotnet publish \"%root%{Windows("lib/Backprop.Cli/Backprop.Cli.csproj")}\" {options} -o \"%out%\"", cmd);
        Assert.Contains($"set \"out=%root%{Windows("lib/Backprop.Cli/bin/launcher")}\"", cmd);
        Assert.Contains($"set \"built=%root%{Windows("lib/Backprop.Cli/bin/Release/net10.0/Backprop.Cli.dll")}\"", cmd);

        var ps1 = Read("backprop.ps1");
        Assert.Contains($"dotnet publish $project {options} -o $out", ps1);
        Assert.Contains("$out = Join-Path $root 'lib/Backprop.Cli/bin/launcher'", ps1);
        Assert.Contains("$built = Join-Path $root 'lib/Backprop.Cli/bin/Release/net10.0/Backprop.Cli.dll'", ps1);
    }

    [Fact]
    public void The_cmd_launcher_passes_every_argument_and_the_exit_code_on()
    {
        var cmd = Read("backprop.cmd");

        Assert.Contains("dotnet \"%dll%\" %*", cmd);
        Assert.Contains("exit /b %ERRORLEVEL%", cmd);
        Assert.StartsWith("@echo off", cmd);
        Assert.Contains("setlocal", cmd);   // its settings end with it, as an exported variable ends with the bash launcher
    }
}
