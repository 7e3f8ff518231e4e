using Backprop.Layers;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Networks;

/// <summary>
/// A fully connected network with any number of hidden layers — "just more layers":
/// (Affine → activation) for each hidden size, then Affine and Softmax-with-Loss.
/// </summary>
public sealed class MultiLayerNet : LayeredNetwork
{
    /// <summary>
    /// Creates the network. With no <paramref name="weightInitStd"/>, weights use He initialisation
    /// (√(2/n)) for ReLU and Xavier (√(1/n)) for Sigmoid, n being the previous layer's size.
    /// </summary>
    public MultiLayerNet(int inputSize, IReadOnlyList<int> hiddenSizes, int outputSize,
        Activation activation = Activation.Relu, double? weightInitStd = null, int? seed = null)
    {
        Sizes.RequirePositive(nameof(MultiLayerNet), ("inputSize", inputSize), ("outputSize", outputSize));
        if (hiddenSizes.Count == 0)
        {
            throw new ArgumentException("MultiLayerNet: give at least one hidden layer size");
        }
        for (var i = 0; i < hiddenSizes.Count; i++)
        {
            Sizes.RequirePositive(nameof(MultiLayerNet), ($"hiddenSizes[{i}]", hiddenSizes[i]));
        }
        HiddenSizes = hiddenSizes.ToArray();
        Activation = activation;
        var normal = new Normal(0, 1, seed is int s ? new Random(s) : new Random());

        var sizes = new List<int> { inputSize };
        sizes.AddRange(hiddenSizes);
        sizes.Add(outputSize);
        for (var k = 1; k < sizes.Count; k++)
        {
            var std = weightInitStd ?? (activation == Activation.Relu ? Math.Sqrt(2.0 / sizes[k - 1]) : Math.Sqrt(1.0 / sizes[k - 1]));
            AddAffine(k, std * Matrix<double>.Build.Random(sizes[k - 1], sizes[k], normal), Vector<double>.Build.Dense(sizes[k]));
            if (k < sizes.Count - 1)
            {
                AddLayer($"{activation}{k}", activation == Activation.Relu ? new Relu() : new Sigmoid());
            }
        }
    }

    /// <summary>The sizes of the hidden layers.</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    /// <summary>The activation function of the hidden layers.</summary>
    public Activation Activation { get; }
}
