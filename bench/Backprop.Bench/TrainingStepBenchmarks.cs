using Backprop.Data;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Optimizers;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Bench;

/// <summary>
/// One training step of the chapter's experiment (gather a minibatch of 100 from the bundled MNIST,
/// backprop, SGD update) and one evaluation chunk of 200 images: the minibatch sparse (what the trainer
/// uses) or dense, with BLAS or MathNet's managed products for the dense ones.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private MnistDataset _data = null!;
    private TwoLayerNet _network = null!;
    private Sgd _sgd = null!;
    private Matrix<double> _xBatch = null!;
    private SparseRowMatrix _xSparse = null!;
    private Matrix<double> _evaluationChunk = null!;
    private SparseRowMatrix _evaluationSparse = null!;
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
        _evaluationChunk = _data.Test.Images(0, 200);
        _xSparse = new SparseRowMatrix(100, 784);
        _evaluationSparse = _data.Test.SparseImages(0, 200);
    }

    /// <summary>The minibatch as its non-zero pixels: "sparse", or as a dense 100 × 784 matrix: "dense".</summary>
    [Params("sparse", "dense")]
    public string Minibatch { get; set; } = "sparse";

    [Benchmark(Description = "training step (batch 100)")]
    public double Step()
    {
        for (var k = 0; k < _indices.Length; k++)
        {
            _indices[k] = _random.Next(_data.Train.Count);
        }

        Matrix<double> x;
        if (Minibatch == "sparse")
        {
            _data.Train.Gather(_indices, _xSparse);
            x = _xSparse;
        }
        else
        {
            _data.Train.Gather(_indices, _xBatch);
            x = _xBatch;
        }
        var grads = _network.Gradient(x, _data.Train.LabelsAt(_indices), out var loss);
        _sgd.Update(_network.Params, grads);
        return loss;
    }

    [Benchmark(Description = "predict 200 test images")]
    public Matrix<double> PredictChunk() => _network.Predict(Minibatch == "sparse" ? _evaluationSparse : _evaluationChunk);
}
