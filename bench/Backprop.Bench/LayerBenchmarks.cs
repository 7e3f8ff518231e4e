using Backprop.Layers;
using Backprop.LinearAlgebra;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Bench;

/// <summary>Each layer's forward and backward at the chapter's shapes (batch 100, 784-50-10), BLAS vs managed products.</summary>
[MemoryDiagnoser]
public class LayerBenchmarks
{
    private Affine _affine1 = null!;
    private Affine _affine2 = null!;
    private Relu _relu = null!;
    private SoftmaxWithLoss _softmaxWithLoss = null!;
    private Matrix<double> _x = null!;
    private Matrix<double> _hidden = null!;
    private Matrix<double> _dHidden = null!;
    private Matrix<double> _scores = null!;
    private Matrix<double> _dScores = null!;
    private int[] _t = null!;

    /// <summary>Which provider multiplies: "blas" (the fast path) or "managed" (MathNet's own).</summary>
    [Params("blas", "managed")]
    public string Products { get; set; } = "blas";

    [GlobalSetup]
    public void Setup()
    {
        ChapterShapes.UseProducts(Products);
        var random = new Random(1);
        _x = ChapterShapes.Images(100, random);
        _affine1 = new Affine(ChapterShapes.Weights(784, 50, random), Vector<double>.Build.Dense(50)) { ComputeInputGradient = false };
        _affine2 = new Affine(ChapterShapes.Weights(50, 10, random), Vector<double>.Build.Dense(10));
        _relu = new Relu();
        _softmaxWithLoss = new SoftmaxWithLoss();
        _t = Enumerable.Range(0, 100).Select(i => i % 10).ToArray();
        _hidden = _relu.Forward(_affine1.Forward(_x));
        _scores = _affine2.Forward(_hidden);
        _softmaxWithLoss.Forward(_scores, _t);
        _dScores = _softmaxWithLoss.Backward();
        _dHidden = _relu.Backward(_affine2.Backward(_dScores));
        _affine1.Backward(_dHidden);
    }

    [Benchmark(Description = "Affine1 forward 100×784·784×50")]
    public Matrix<double> Affine1Forward() => _affine1.Forward(_x);

    [Benchmark(Description = "Affine1 backward (dW, db; no dx)")]
    public Matrix<double> Affine1Backward() => _affine1.Backward(_dHidden);

    [Benchmark(Description = "Relu forward 100×50")]
    public Matrix<double> ReluForward() => _relu.Forward(_hidden);

    [Benchmark(Description = "Relu backward 100×50")]
    public Matrix<double> ReluBackward() => _relu.Backward(_dHidden);

    [Benchmark(Description = "Affine2 forward 100×50·50×10")]
    public Matrix<double> Affine2Forward() => _affine2.Forward(_hidden);

    [Benchmark(Description = "Affine2 backward (dW, db, dx)")]
    public Matrix<double> Affine2Backward() => _affine2.Backward(_dScores);

    [Benchmark(Description = "SoftmaxWithLoss forward 100×10")]
    public double SoftmaxWithLossForward() => _softmaxWithLoss.Forward(_scores, _t);

    [Benchmark(Description = "SoftmaxWithLoss backward")]
    public Matrix<double> SoftmaxWithLossBackward() => _softmaxWithLoss.Backward();
}
