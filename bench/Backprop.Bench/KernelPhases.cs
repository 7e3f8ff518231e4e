using System.Runtime.Intrinsics;
using System.Diagnostics;
using Backprop.LinearAlgebra;

namespace Backprop.Bench;

/// <summary>Times the parts of the zero-skipping product on x·W1 (<c>-- phases</c>): the zero count, the finiteness check, the kernel.</summary>
internal static class KernelPhases
{
    public static void Run(string? only = null)
    {
        _only = only;
        var random = new Random(1);
        var a = new double[100 * 784];
        var b = new double[784 * 50];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = random.NextDouble() < 0.81 ? 0.0 : random.NextDouble();
        }

        for (var i = 0; i < b.Length; i++)
        {
            b[i] = random.NextDouble();
        }

        if (Environment.GetEnvironmentVariable("PHASES_MNIST") == "1")
        {
            var picks = Enumerable.Range(0, 100).Select(i => i * 577).ToArray();
            a = Backprop.Data.Mnist.Load().Train.Images(picks).AsColumnMajorArray();
        }

        Console.WriteLine($"zeros: {a.Count(v => v == 0.0) / (double)a.Length:P1}");
        var c = new double[100 * 50];
        var d = new double[784 * 50];
        Time("IsMostlyZeros", () => SparseProducts.IsMostlyZeros(a, a.Length, 50));
        Time("AllFinite(b)", () => SparseProducts.AllFinite(b));
        Time("x·W (cached W)", () => NarrowSparseProducts.Multiply(1.0, a, 100, 784, b, 50, 0.0, c));
        Time("x·W (W changes)", () => { b[7]++; NarrowSparseProducts.Multiply(1.0, a, 100, 784, b, 50, 0.0, c); });
        var buf = GC.AllocateArray<double>(32 * 64 + 8, pinned: true);
        Time("512 fma+store x80k", () => Fma512(buf));
        Time("256 fma+store x80k", () => Fma256(buf));
        var zeros = new double[a.Length];
        var ones = new double[a.Length];
        Array.Fill(ones, 0.5);
        Time("x·W all zeros", () => NarrowSparseProducts.Multiply(1.0, zeros, 100, 784, b, 50, 0.0, c));
        Time("x·W no zeros", () => NarrowSparseProducts.Multiply(1.0, ones, 100, 784, b, 50, 0.0, c));
        Time("xᵀ·dout", () => NarrowSparseProducts.TransposeThisAndMultiply(1.0, a, 100, 784, c, 50, 0.0, d));
        var blas = NativeBlas.TryLoad(NativeBlas.Candidates(), out _);
        if (blas is not null)
        {
            blas.SetThreads(1);
            blas.SplitOverCores = false;
            Time("BLAS x·W", () => blas.Dgemm(false, false, 1.0, a, 100, 784, b, 784, 50, 0.0, c));
            Time("BLAS xᵀ·dout", () => blas.Dgemm(true, false, 1.0, a, 100, 784, c, 100, 50, 0.0, d));
        }
    }

    private static string? _only;

    private static void Fma512(double[] buf)
    {
        var v = System.Runtime.Intrinsics.Vector512.Create(1.0000001);
        var w = System.Runtime.Intrinsics.Vector512.Create(0.5);
        for (var t = 0; t < 10000; t++)
        {
            var o = (t & 31) * 64;
            for (var e = 0; e < 64; e += 8)
            {
                var x = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref buf[o + e]);
                System.Runtime.Intrinsics.X86.Avx512F.FusedMultiplyAdd(v, w, x).StoreUnsafe(ref buf[o + e]);
            }
        }
    }

    private static void Fma256(double[] buf)
    {
        var v = System.Runtime.Intrinsics.Vector256.Create(1.0000001);
        var w = System.Runtime.Intrinsics.Vector256.Create(0.5);
        for (var t = 0; t < 10000; t++)
        {
            var o = (t & 31) * 64;
            for (var e = 0; e < 64; e += 4)
            {
                var x = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref buf[o + e]);
                System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(v, w, x).StoreUnsafe(ref buf[o + e]);
            }
        }
    }

    private static void Time(string name, Action action)
    {
        if (_only is not null && !name.StartsWith(_only, StringComparison.Ordinal))
        {
            return;
        }

        for (var i = 0; i < 200; i++)
        {
            action();
        }

        var runs = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 0.5)
        {
            action();
            runs++;
        }

        var cpuMicroseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / runs;
        Console.WriteLine($"{name,-20}{watch.Elapsed.TotalMicroseconds / runs,10:F1} µs wall{cpuMicroseconds,10:F1} µs CPU");
    }
}
