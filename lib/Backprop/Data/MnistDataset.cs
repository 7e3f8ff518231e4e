namespace Backprop.Data;

/// <summary>MNIST's two parts: 60,000 training images and 10,000 test images.</summary>
public sealed record MnistDataset(MnistSplit Train, MnistSplit Test, string Directory);
