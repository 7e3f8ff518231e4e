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

    /// <summary>
    /// ./backprop's runtime settings, <c>export NAME="${NAME:-VALUE}"</c>: for the processes that run cells
    /// (its <c>kernel|notebooks)</c> branch) and for every other command (its <c>*)</c> branch).
    /// </summary>
    private static (List<(string Name, string Value)> Cells, List<(string Name, string Value)> Others) BashSettings()
    {
        var bash = Read("backprop");
        List<(string, string)> In(string branch) =>
            ExportPattern().Matches(Regex.Match(bash, $@"^\s*{branch}\)\s*\n(.*?);;", RegexOptions.Singleline | RegexOptions.Multiline).Groups[1].Value)
                .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        return (In(@"kernel\|notebooks"), In(@"\*"));
    }

    [GeneratedRegex(@"^\s*export (DOTNET_\w+)=""\$\{\1:-([^}]+)\}""", RegexOptions.Multiline)]
    private static partial Regex ExportPattern();

    [Fact]
    public void The_launchers_set_the_runtime_settings_of_the_bash_launcher_only_when_unset()
    {
        var (cells, others) = BashSettings();
        Assert.NotEmpty(cells);
        Assert.NotEmpty(others);

        var cmd = Regex.Match(Read("backprop.cmd").Replace("\r\n", "\n"), @"if defined cells \(\n(.*?)\n\) else \(\n(.*?)\n\)\n", RegexOptions.Singleline);
        Assert.True(cmd.Success, "backprop.cmd has no 'if defined cells ( … ) else ( … )' block");
        Assert.Contains("if /i \"%~1\"==\"kernel\" set \"cells=1\"", Read("backprop.cmd"));
        Assert.Contains("if /i \"%~1\"==\"notebooks\" set \"cells=1\"", Read("backprop.cmd"));
        var ps1 = Regex.Match(Read("backprop.ps1"), @"\$settings = if \(\$cells\) \{ @\{ (.*?) \} \} else \{ @\{ (.*?) \} \}");
        Assert.True(ps1.Success, "backprop.ps1 has no '$settings = if ($cells) { @{ … } } else { @{ … } }' line");
        Assert.Contains("$cells = $args.Count -gt 0 -and ($args[0] -in 'kernel', 'notebooks')", Read("backprop.ps1"));

        foreach (var (settings, group) in new[] { (cells, 1), (others, 2) })
        {
            var cmdLines = cmd.Groups[group].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(settings.Select(s => $"if not defined {s.Name} set \"{s.Name}={s.Value}\""), cmdLines);
            Assert.Equal(settings.Select(s => $"{s.Name} = '{s.Value}'"), ps1.Groups[group].Value.Split("; "));
        }
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
