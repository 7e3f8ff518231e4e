using BenchmarkDotNet.Running;

namespace Backprop.Bench;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/Backprop.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
