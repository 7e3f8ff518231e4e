using BenchmarkDotNet.Running;

namespace Backprop.Bench;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/Backprop.Bench -- --filter '*'</c>;
/// <c>-- gflops</c> prints a quick throughput table of the chapter's matrix products instead.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args is ["gflops"])
        {
            ProductThroughput.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
