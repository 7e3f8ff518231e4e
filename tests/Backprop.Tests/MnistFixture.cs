using Backprop.Data;

namespace Backprop.Tests;

/// <summary>The bundled MNIST, loaded once for the tests that share it.</summary>
public sealed class MnistFixture
{
    private static readonly Lazy<MnistDataset> Shared = new(() => Mnist.Load());

    /// <summary>data/mnist of this repository.</summary>
    public MnistDataset Data => Shared.Value;
}
