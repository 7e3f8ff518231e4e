using Backprop.Data;
using Backprop.Networks;
using Backprop.Optimizers;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Bench;

/// <summary>
/// One training step of the chapter's experiment (gather a minibatch of 100 from the bundled MNIST,
/// backprop, SGD update) and one evaluation chunk of 2,000 images, BLAS vs managed products.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private MnistDataset _data = null!;
    private TwoLayerNet _network = null!;
    private Sgd _sgd = null!;
    private Matrix<double> _xBatch = null!;
    private Matrix<double> _evaluationChunk = null!;
    private int[] _indices = null!;
    private Random _random = null!;

    /// <summary>Which provider multiplies: "blas" (the fast path) or "managed" (MathNet's own).</summary>
    [Params("blas", "managed")]
    public string Products { get; set; } = "blas";

    [GlobalSetup]
    public void Setup()
    {
        ChapterShapes.UseProducts(Products);
        _data = Mnist.Load();
        _network = new TwoLayerNet(784, 50, 10, seed: 42);
        _sgd = new Sgd(0.1);
        _xBatch = Matrix<double>.Build.Dense(100, 784);
        _indices = new int[100];
        _random = new Random(42);
        _evaluationChunk = _data.Test.Images(0, 2000);
    }

    [Benchmark(Description = "training step (batch 100)")]
    public double Step()
    {
        for (var k = 0; k < _indices.Length; k++)
        {
            _indices[k] = _random.Next(_data.Train.Count);
        }

        _data.Train.Gather(_indices, _xBatch);
        var grads = _network.Gradient(_xBatch, _data.Train.LabelsAt(_indices), out var loss);
        _sgd.Update(_network.Params, grads);
        return loss;
    }

    [Benchmark(Description = "predict 2,000 test images")]
    public Matrix<double> PredictChunk() => _network.Predict(_evaluationChunk);
}
