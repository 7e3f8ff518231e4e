using Backprop.Layers;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Optimizers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>Every layer, and a full training step, give the same numbers on the fast path and on MathNet's managed provider.</summary>
[Collection(GlobalProviderCollection.Name)]
public sealed class FastPathLayerTests : IDisposable, IClassFixture<MnistFixture>
{
    private readonly MnistFixture _mnist;

    public FastPathLayerTests(MnistFixture mnist) => _mnist = mnist;

    public void Dispose() => MatrixProducts.UseFastest();

    [Fact]
    public void Affine_forward_and_backward_agree_at_the_chapters_shapes()
    {
        var x = _mnist.Data.Train.Images(0, 100);
        var random = new Random(11);
        var w = Matrix<double>.Build.Dense(784, 50, ProductAgreement.Random(784 * 50, 0, random));
        var b = Vector<double>.Build.Dense(ProductAgreement.Random(50, 0, random));
        var dout = Matrix<double>.Build.Dense(100, 50, ProductAgreement.Random(100 * 50, 0, random));

        var (managed, fast) = OnBothPaths(() =>
        {
            var affine = new Affine(w, b);
            var y = affine.Forward(x);
            var dx = affine.Backward(dout);
            return (y, dx, affine.dW, affine.db);
        });

        ProductAgreement.AssertAgree(fast.y, managed.y, "Affine forward x·W + b");
        ProductAgreement.AssertAgree(fast.dx, managed.dx, "Affine backward dx = dout·Wᵀ");
        ProductAgreement.AssertAgree(fast.dW, managed.dW, "Affine backward dW = xᵀ·dout");
        ProductAgreement.AssertAgree(fast.db, managed.db, "Affine backward db");
    }

    [Fact]
    public void Relu_sigmoid_and_softmax_with_loss_agree()
    {
        var random = new Random(12);
        var a = Matrix<double>.Build.Dense(100, 50, ProductAgreement.Random(100 * 50, 0, random));
        var scores = Matrix<double>.Build.Dense(100, 10, ProductAgreement.Random(100 * 10, 0, random));
        var t = Enumerable.Range(0, 100).Select(i => (i * 7) % 10).ToArray();

        var (managed, fast) = OnBothPaths(() =>
        {
            var relu = new Relu();
            var sigmoid = new Sigmoid();
            var softmax = new SoftmaxWithLoss();
            var r = relu.Forward(a);
            var dr = relu.Backward(a);
            var s = sigmoid.Forward(a);
            var ds = sigmoid.Backward(a);
            var loss = softmax.Forward(scores, t);
            var dy = softmax.Backward();
            return (r, dr, s, ds, loss, dy);
        });

        ProductAgreement.AssertAgree(fast.r, managed.r, "Relu forward");
        ProductAgreement.AssertAgree(fast.dr, managed.dr, "Relu backward");
        ProductAgreement.AssertAgree(fast.s, managed.s, "Sigmoid forward");
        ProductAgreement.AssertAgree(fast.ds, managed.ds, "Sigmoid backward");
        Assert.Equal(managed.loss, fast.loss, 12);
        ProductAgreement.AssertAgree(fast.dy, managed.dy, "SoftmaxWithLoss backward");
    }

    [Fact]
    public void A_full_two_layer_net_training_step_agrees()
    {
        var train = _mnist.Data.Train;
        var indices = Enumerable.Range(0, 100).Select(i => (i * 577) % train.Count).ToArray();
        var x = train.Images(indices);
        var t = train.LabelsAt(indices);

        var (managed, fast) = OnBothPaths(() =>
        {
            var network = new TwoLayerNet(784, 50, 10, seed: 7);
            var grads = network.Gradient(x, t, out var loss);
            var gradsCopy = grads.ToDictionary(g => g.Key, g => g.Value.Clone());
            new Sgd(0.1).Update(network.Params, grads);
            var paramsCopy = network.Params.ToDictionary(p => p.Key, p => p.Value.Clone());
            return (loss, grads: gradsCopy, parameters: paramsCopy, after: network.Loss(x, t));
        });

        Assert.Equal(managed.loss, fast.loss, 12);
        Assert.Equal(managed.after, fast.after, 12);
        foreach (var key in new[] { "W1", "b1", "W2", "b2" })
        {
            ProductAgreement.AssertAgree(fast.grads[key], managed.grads[key], $"gradient {key}");
            ProductAgreement.AssertAgree(fast.parameters[key], managed.parameters[key], $"{key} after the SGD update");
        }
    }

    [Fact]
    public void A_deeper_sigmoid_network_step_agrees()
    {
        var x = _mnist.Data.Test.Images(0, 100);
        var t = _mnist.Data.Test.LabelsAt(Enumerable.Range(0, 100).ToArray());

        var (managed, fast) = OnBothPaths(() =>
        {
            var network = new MultiLayerNet(784, [100, 50], 10, Activation.Sigmoid, seed: 3);
            var grads = network.Gradient(x, t, out var loss);
            return (loss, grads: grads.ToDictionary(g => g.Key, g => g.Value.Clone()));
        });

        Assert.Equal(managed.loss, fast.loss, 12);
        foreach (var (key, gradient) in managed.grads)
        {
            ProductAgreement.AssertAgree(fast.grads[key], gradient, $"MultiLayerNet gradient {key}");
        }
    }

    private static (T Managed, T Fast) OnBothPaths<T>(Func<T> compute)
    {
        MatrixProducts.UseManaged();
        var managed = compute();
        MatrixProducts.UseFastest();
        Assert.NotEqual("Managed (MathNet)", MatrixProducts.Description);
        var fast = compute();
        return (managed, fast);
    }
}
