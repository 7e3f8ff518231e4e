namespace Backprop.Tests;

public sealed class KernelCheckTests
{
    // Microsoft.DotNet.Interactive's assemblies as its tool 1.0.712001 loads them in a C# cell (printed by a cell there)
    private static readonly string[] DotNetInteractiveAssemblies =
    [
        "Microsoft.DotNet.Interactive", "Microsoft.DotNet.Interactive.App", "Microsoft.DotNet.Interactive.CSharp",
        "Microsoft.DotNet.Interactive.Documents", "Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive.FSharp",
        "Microsoft.DotNet.Interactive.Jupyter", "Microsoft.DotNet.Interactive.PackageManagement",
    ];

    [Fact]
    public void NET_Interactive_is_recognised_by_its_kernel_assembly()
    {
        Assert.True(KernelCheck.IsDotNetInteractive(["System.Private.CoreLib", .. DotNetInteractiveAssemblies]));
    }

    [Fact]
    public void The_formatting_package_alone_as_the_C_sharp_Backprop_kernel_loads_it_is_not_NET_Interactive()
    {
        Assert.False(KernelCheck.IsDotNetInteractive(["System.Private.CoreLib", "Backprop", "Backprop.Interactive", "Microsoft.DotNet.Interactive.Formatting", null]));
    }

    [Fact]
    public void This_process_is_not_NET_Interactive_so_the_check_does_nothing()
    {
        KernelCheck.RequireBackpropKernel();
    }

    [Fact]
    public void The_message_names_the_kernel_to_pick_and_how_to_install_it_on_one_line()
    {
        Assert.Contains("C# (Backprop)", KernelCheck.WrongKernelMessage);
        Assert.Contains("./backprop kernel install", KernelCheck.WrongKernelMessage);
        Assert.Contains("backprop.cmd kernel install", KernelCheck.WrongKernelMessage);
        Assert.DoesNotContain('\n', KernelCheck.WrongKernelMessage);
    }
}
