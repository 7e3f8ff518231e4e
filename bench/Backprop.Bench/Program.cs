using BenchmarkDotNet.Running;

namespace Backprop.Bench;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/Backprop.Bench -- --filter '*'</c>;
/// <c>-- gflops</c> prints a quick throughput table of the chapter's matrix products instead;
/// <c>-- experiment [managed|skip0] [inbetween] [noeval] [iterations]</c> times the chapter's experiment in phases.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args is ["profile", ..])
        {
            if (args.Contains("skip0"))
            {
                Backprop.LinearAlgebra.MatrixProducts.UseFastest(skipZeros: true);
            }

            StepProfile.Run(dense: args.Contains("dense"));
            return;
        }

        if (args is ["gflops"])
        {
            ProductThroughput.Run();
            return;
        }

        if (args is ["experiment", ..])
        {
            ExperimentRun.Run(args.Contains("managed"), args.Contains("skip0"), args.Length > 1 && int.TryParse(args[^1], out var n) ? n : 10000, args.Contains("inbetween"), !args.Contains("noeval"));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
