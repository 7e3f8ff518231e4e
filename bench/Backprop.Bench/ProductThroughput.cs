using System.Diagnostics;
using Backprop.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Backprop.Bench;

/// <summary>
/// A quick GFLOPS table for the chapter's matrix products (not a BenchmarkDotNet run):
/// <c>dotnet run -c Release --project bench/Backprop.Bench -- gflops</c>.
/// </summary>
internal static class ProductThroughput
{
    private sealed record Shape(string Name, bool TransposeA, bool TransposeB, int RowsA, int ColumnsA, int RowsB, int ColumnsB, double ZeroFraction);

    private static readonly Shape[] Shapes =
    [
        new("x·W1        100×784 · 784×50", false, false, 100, 784, 784, 50, 0.81),
        new("xᵀ·dout     784×100 · 100×50", true, false, 100, 784, 100, 50, 0.81),
        new("dout·W1ᵀ    100×50 · 50×784", false, true, 100, 50, 784, 50, 0),
        new("eval x·W1   10000×784 · 784×50", false, false, 10000, 784, 784, 50, 0.81),
        new("check x·W1  3×784 · 784×50", false, false, 3, 784, 784, 50, 0.81),
        new("h·W2        100×50 · 50×10", false, false, 100, 50, 50, 10, 0.5),
        new("hᵀ·dout     50×100 · 100×10", true, false, 100, 50, 100, 10, 0.5),
        new("dout·W2ᵀ    100×10 · 10×50", false, true, 100, 10, 50, 10, 0),
    ];

    public static void Run()
    {
        var managed = ManagedLinearAlgebraProvider.Instance;
        MatrixProducts.UseFastest();
        var blas = NativeBlas.TryLoad(NativeBlas.Candidates(), out var reason);
        Console.WriteLine($"BLAS: {blas?.Name ?? reason}; cores: {Environment.ProcessorCount}");
        var dense = blas is null ? null : new FastLinearAlgebraProvider(managed, blas, skipZeros: false);
        var sparse = new FastLinearAlgebraProvider(managed, null, skipZeros: true);
        Console.WriteLine($"{"product",-34}{"managed",10}{"BLAS 1t",10}{"OpenBLAS 2t",12}{"ours 2t",10}{"skip0",10}   GFLOPS");
        foreach (var shape in Shapes)
        {
            var random = new Random(1);
            var a = Fill(shape.RowsA * shape.ColumnsA, shape.ZeroFraction, random);
            var b = Fill(shape.RowsB * shape.ColumnsB, 0, random);
            var m = shape.TransposeA ? shape.ColumnsA : shape.RowsA;
            var n = shape.TransposeB ? shape.RowsB : shape.ColumnsB;
            var k = shape.TransposeA ? shape.RowsA : shape.ColumnsA;
            var c = new double[m * n];
            var flops = 2.0 * m * n * k;
            double Measure(ILinearAlgebraProvider p) => flops / Seconds(() => p.MatrixMultiplyWithUpdate(
                shape.TransposeA ? Transpose.Transpose : Transpose.DontTranspose,
                shape.TransposeB ? Transpose.Transpose : Transpose.DontTranspose,
                1.0, a, shape.RowsA, shape.ColumnsA, b, shape.RowsB, shape.ColumnsB, 0.0, c)) / 1e9;
            var managedGflops = Measure(managed);
            double one = double.NaN, two = double.NaN, split = double.NaN;
            if (dense is not null)
            {
                blas!.SplitOverCores = false;
                blas.SetThreads(1);
                one = Measure(dense);
                blas.SetThreads(Environment.ProcessorCount);
                two = Measure(dense);
                blas.SetThreads(1);
                blas.SplitOverCores = true;
                split = Measure(dense);
            }

            var skip = shape.TransposeB || shape.ZeroFraction == 0 ? double.NaN : Measure(sparse);
            Console.WriteLine($"{shape.Name,-34}{managedGflops,10:F1}{one,10:F1}{two,12:F1}{split,10:F1}{skip,10:F1}");
        }
    }

    private static double[] Fill(int length, double zeroFraction, Random random)
    {
        var x = new double[length];
        for (var i = 0; i < length; i++)
        {
            x[i] = random.NextDouble() < zeroFraction ? 0.0 : random.NextDouble();
        }

        return x;
    }

    private static double Seconds(Action action)
    {
        action();
        var runs = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 0.3 || runs < 3)
        {
            action();
            runs++;
        }

        return watch.Elapsed.TotalSeconds / runs;
    }
}
