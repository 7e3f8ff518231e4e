using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Interactive;

/// <summary>
/// Restores <c>#r "nuget: …"</c> packages with the ordinary <c>dotnet</c> tooling: a tiny project per
/// package set in ~/.cache/backprop-notebooks/nuget/&lt;hash&gt;/, published for this runtime against the
/// user's NuGet configuration, so every transitive and native asset lands in one folder. A finished
/// folder is reused, so running the cell again is instant.
/// </summary>
internal sealed partial class NuGetRestorer(string workingDirectory)
{
    private const string CompleteMarker = ".complete";

    /// <summary>Restores <paramref name="packages"/> (with extra <paramref name="sources"/>) and returns the folder holding their assemblies.</summary>
    public async Task<string> RestoreAsync(IReadOnlyList<NuGetPackage> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var rid = RuntimeInformation.RuntimeIdentifier;
        var config = FindNuGetConfig(workingDirectory);
        var key = string.Join("\n", [framework, rid, config ?? "", .. packages.Select(p => p.ToString()).Order(StringComparer.OrdinalIgnoreCase), .. sources.Order(StringComparer.Ordinal)]);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
        var folder = Path.Combine(CacheRoot(), hash);
        var publish = Path.Combine(folder, "publish");
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            return publish;
        }

        var work = folder + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(work);
        try
        {
            var project = Path.Combine(work, "Restore.csproj");
            await File.WriteAllTextAsync(project, ProjectXml(framework, packages, sources), cancellationToken).ConfigureAwait(false);
            List<string> arguments = ["publish", project, "-c", "Release", "-r", rid, "--self-contained", "false", "-o", Path.Combine(work, "publish"), "-nologo", "-v", "q"];
            if (config is not null)
            {
                arguments.AddRange(["--configfile", config]);
            }

            var (exitCode, output) = await RunDotnetAsync(arguments, work, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException(Explain(packages, output));
            }

            await File.WriteAllTextAsync(Path.Combine(work, CompleteMarker), key, cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.Move(work, folder);
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, CompleteMarker)))
            {
                // Another session finished the same package set first: use its folder.
                Directory.Delete(work, recursive: true);
            }

            return publish;
        }
        catch
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            throw;
        }
    }

    /// <summary>The managed assemblies in a restored folder (its own placeholder project excluded).</summary>
    public static IReadOnlyList<string> ManagedAssemblies(string publishFolder) =>
        Directory.GetFiles(publishFolder, "*.dll")
            .Where(f => !string.Equals(Path.GetFileName(f), "Restore.dll", StringComparison.OrdinalIgnoreCase))
            .Where(IsManaged)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static string CacheRoot()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cache, "backprop-notebooks", "nuget");
    }

    private static string? FindNuGetConfig(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists)
            {
                continue;
            }

            var config = dir.EnumerateFiles().FirstOrDefault(f => string.Equals(f.Name, "nuget.config", StringComparison.OrdinalIgnoreCase));
            if (config is not null)
            {
                return config.FullName;
            }
        }

        return null;
    }

    private static string ProjectXml(string framework, IReadOnlyList<NuGetPackage> packages, IReadOnlyList<string> sources)
    {
        var items = string.Join("\n", packages.Select(p =>
            $"    <PackageReference Include=\"{SecurityElement.Escape(p.Id)}\" Version=\"{SecurityElement.Escape(p.Version ?? "*")}\" />"));
        var extraSources = sources.Count == 0
            ? ""
            : $"    <RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(";", sources))}</RestoreAdditionalProjectSources>\n";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{framework}</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <ImplicitUsings>disable</ImplicitUsings>
                <EnableDefaultItems>false</EnableDefaultItems>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <UseAppHost>false</UseAppHost>
                <SatelliteResourceLanguages>en</SatelliteResourceLanguages>
            {extraSources}  </PropertyGroup>
              <ItemGroup>
            {items}
              </ItemGroup>
            </Project>
            """;
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(IEnumerable<string> arguments, string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A host started by `dotnet test` or `dotnet run` passes MSBuild settings that must not leak into this build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static string DotnetExecutable()
    {
        var fromHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromHost) && File.Exists(fromHost))
        {
            return fromHost;
        }

        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    private static string Explain(IReadOnlyList<NuGetPackage> packages, string output)
    {
        var errors = NuGetError().Matches(output)
            .Select(m => m.Groups["message"].Value.Trim())
            .Select(m => ProjectSuffix().Replace(m, ""))
            .Distinct()
            .ToList();
        var asked = string.Join("; ", packages.Select(p => $"\"nuget: {p}\""));
        var detail = errors.Count > 0
            ? string.Join("\n", errors)
            : string.Join("\n", output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(5).Select(l => l.Trim()));
        return $"#r {asked}: the packages could not be restored —\n{detail}";
    }

    [GeneratedRegex(@"error (?<message>NU\d+:[^\r\n]*)")]
    private static partial Regex NuGetError();

    [GeneratedRegex(@"\s*\[[^\]]*Restore\.csproj[^\]]*\]\s*$")]
    private static partial Regex ProjectSuffix();
}
