using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

public sealed class KernelInstallTests
{
    private static JsonObject KernelJson(string prefix, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, "share", "jupyter", "kernels", name, "kernel.json")))!.AsObject();

    [Fact]
    public void Install_with_prefix_writes_both_kernelspecs_with_a_runnable_argv()
    {
        using var prefix = new TempDirectory();
        var run = CliRun.Of("kernel", "install", "--prefix", prefix.Path);

        Assert.Equal(0, run.ExitCode);
        foreach (var name in new[] { "backprop-csharp", ".net-csharp" })
        {
            var spec = KernelJson(prefix.Path, name);
            var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            Assert.True(Path.IsPathRooted(argv[0]) && File.Exists(argv[0]), $"argv[0] {argv[0]} is not an existing absolute path");
            Assert.Equal(["kernel", "run", "--connection-file", "{connection_file}"], argv[^4..]);
            Assert.Contains(argv, a => a.EndsWith("Backprop.Cli.dll", StringComparison.Ordinal) && File.Exists(a) || a.EndsWith("Backprop.Cli", StringComparison.Ordinal));
            Assert.Equal("C#", spec["language"]!.GetValue<string>());
            Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
            Assert.StartsWith("C# (Backprop", spec["display_name"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("0x4000000", spec["env"]!["DOTNET_GCgen0size"]!.GetValue<string>());
            Assert.Equal("0x2000000", spec["env"]!["DOTNET_GCLOHThreshold"]!.GetValue<string>());
            Assert.Contains($"installed kernelspec {name}", run.Output, StringComparison.Ordinal);
        }
        Assert.Equal("C# (Backprop)", KernelJson(prefix.Path, "backprop-csharp")["display_name"]!.GetValue<string>());
        Assert.Empty(Directory.GetDirectories(Path.Combine(prefix.Path, "share", "jupyter", "kernels"), ".*.tmp"));
    }

    [Fact]
    public void Install_writes_32_and_64_pixel_png_logos()
    {
        using var prefix = new TempDirectory();
        CliRun.Of("kernel", "install", "--prefix", prefix.Path, "--name", "backprop-csharp");

        foreach (var size in new[] { 32, 64 })
        {
            var png = File.ReadAllBytes(Path.Combine(prefix.Path, "share", "jupyter", "kernels", "backprop-csharp", $"logo-{size}x{size}.png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }
    }

    [Fact]
    public void Install_leaves_a_foreign_net_csharp_kernelspec_alone_and_says_so()
    {
        using var prefix = new TempDirectory();
        var foreign = Path.Combine(prefix.Path, "share", "jupyter", "kernels", ".net-csharp");
        Directory.CreateDirectory(foreign);
        const string theirs = """{"argv": ["dotnet", "interactive", "jupyter", "{connection_file}"], "display_name": ".NET (C#)", "language": "C#"}""";
        File.WriteAllText(Path.Combine(foreign, "kernel.json"), theirs);

        var install = CliRun.Of("kernel", "install", "--prefix", prefix.Path);
        var uninstall = CliRun.Of("kernel", "uninstall", "--prefix", prefix.Path);

        Assert.Equal(0, install.ExitCode);
        Assert.Equal(theirs, File.ReadAllText(Path.Combine(foreign, "kernel.json")));
        Assert.Contains("skipped .net-csharp", install.Output, StringComparison.Ordinal);
        Assert.Single(install.Output.Split('\n'), line => line.Contains(".net-csharp", StringComparison.Ordinal));
        Assert.Equal(theirs, File.ReadAllText(Path.Combine(foreign, "kernel.json")));
        Assert.False(Directory.Exists(Path.Combine(prefix.Path, "share", "jupyter", "kernels", "backprop-csharp")));
        Assert.Contains("removed kernelspec backprop-csharp", uninstall.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reinstall_replaces_our_own_kernelspec()
    {
        using var prefix = new TempDirectory();
        CliRun.Of("kernel", "install", "--prefix", prefix.Path, "--name", "backprop-csharp");
        var kernelJson = Path.Combine(prefix.Path, "share", "jupyter", "kernels", "backprop-csharp", "kernel.json");
        var stale = KernelJson(prefix.Path, "backprop-csharp");
        stale["display_name"] = "stale";
        File.WriteAllText(kernelJson, stale.ToJsonString());

        var again = CliRun.Of("kernel", "install", "--prefix", prefix.Path, "--name", "backprop-csharp");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("C# (Backprop)", KernelJson(prefix.Path, "backprop-csharp")["display_name"]!.GetValue<string>());
    }

    [Fact]
    public void User_and_prefix_together_are_one_clear_error()
    {
        using var prefix = new TempDirectory();
        var run = CliRun.Of("kernel", "install", "--user", "--prefix", prefix.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --user and --prefix exclude each other: give one", run.Error.Trim());
    }

    [Fact]
    public void Bad_kernel_name_is_rejected_before_anything_is_written()
    {
        using var prefix = new TempDirectory();
        var run = CliRun.Of("kernel", "install", "--prefix", prefix.Path, "--name", "../escape");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("kernel name \"../escape\"", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(prefix.Path, "share", "jupyter", "escape")));
    }

    [Fact]
    public void The_launcher_exports_the_kernels_process_environment_unless_already_set()
    {
        var launcher = File.ReadAllText(Path.Combine(Checkout.Root(), "backprop"));

        Assert.NotEmpty(KernelSpecs.KernelSpec.ProcessEnvironment);
        foreach (var (name, value) in KernelSpecs.KernelSpec.ProcessEnvironment)
        {
            Assert.Contains($"export {name}=\"${{{name}:-{value}}}\"", launcher, StringComparison.Ordinal);
        }
    }
}
