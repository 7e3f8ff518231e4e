using Backprop.Layers;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Networks;

/// <summary>
/// The chapter's two-layer network: Affine1 → Relu1 → Affine2, then Softmax-with-Loss.
/// Weights start as weight_init_std · N(0, 1), biases as zeros.
/// </summary>
public sealed class TwoLayerNet : LayeredNetwork
{
    /// <summary>Creates the network; <paramref name="seed"/> makes the initial weights reproducible.</summary>
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, double weightInitStd = 0.01, int? seed = null)
        : this(inputSize, hiddenSize, outputSize, weightInitStd, seed is int s ? new Random(s) : new Random())
    {
    }

    /// <summary>Creates the network drawing the initial weights from <paramref name="random"/>.</summary>
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, double weightInitStd, Random random)
    {
        Sizes.RequirePositive(nameof(TwoLayerNet), ("inputSize", inputSize), ("hiddenSize", hiddenSize), ("outputSize", outputSize));
        var normal = new Normal(0, 1, random);

        // 가중치 초기화 (weight initialisation)
        var W1 = weightInitStd * Matrix<double>.Build.Random(inputSize, hiddenSize, normal);
        var b1 = Vector<double>.Build.Dense(hiddenSize);
        var W2 = weightInitStd * Matrix<double>.Build.Random(hiddenSize, outputSize, normal);
        var b2 = Vector<double>.Build.Dense(outputSize);

        // 계층 생성 (the layers, in order)
        AddAffine(1, W1, b1);
        AddLayer("Relu1", new Relu());
        AddAffine(2, W2, b2);
    }
}
