using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

/// <summary>
/// The one case interrupt cannot stop — code of another library that blocks or loops without checking —
/// is said plainly: the reply says the cell is still running and how to restart, and later cells say so too.
/// </summary>
public sealed class StillRunningThroughProtocolTests
{
    [Fact]
    public void Code_that_never_checks_is_reported_as_still_running_with_how_to_restart_and_later_cells_say_so()
    {
        using var kernel = new KernelProcess();
        kernel.Execute("var kept = 41;");
        var (reply, _) = InterruptThroughProtocolTests.RunAndInterrupt(kernel, "var lost = 1;\nConsole.WriteLine(\"started\");\nnew ManualResetEventSlim(false).Wait();", allowStdin: false);
        var next = kernel.SendExecute("kept + 1");
        var stderr = kernel.StreamText(next, "stderr");

        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        var evalue = reply.Content["evalue"]!.GetValue<string>();
        Assert.Contains("still running", evalue);
        Assert.Contains("restart the kernel", evalue);
        Assert.Contains("is still running in the background", stderr);
        Assert.Equal("42", kernel.Value("kept + 1"));
        Assert.StartsWith("error: ", kernel.Value("lost"));
    }
}
