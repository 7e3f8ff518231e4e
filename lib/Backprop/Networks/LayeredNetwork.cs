using Backprop.Layers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Networks;

/// <summary>
/// A network as the chapter builds it: an ordered list of layers and a Softmax-with-Loss layer at
/// the end. <see cref="Predict"/> runs the list forwards; <see cref="Gradient(Matrix{double}, int[], out double)"/>
/// runs the loss forwards and then every layer's backward in reverse order.
/// </summary>
public abstract class LayeredNetwork : INetwork
{
    private readonly List<NamedLayer> layers = [];
    private readonly Dictionary<string, Matrix<double>> parameters = [];
    private readonly List<(int Index, Affine Layer)> affines = [];

    /// <summary>The layers in forward order, by name.</summary>
    public IReadOnlyList<NamedLayer> Layers => layers;

    /// <summary>The output layer used for learning.</summary>
    public SoftmaxWithLoss LastLayer { get; } = new();

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix<double>> Params => parameters;

    /// <summary>Adds an Affine layer named "Affine{index}" whose W and b become Params["W{index}"] and ["b{index}"].</summary>
    protected void AddAffine(int index, Matrix<double> W, Vector<double> b)
    {
        var affine = new Affine(W, b) { ComputeInputGradient = affines.Count > 0 };
        affines.Add((index, affine));
        layers.Add(new NamedLayer($"Affine{index}", affine));
        parameters[$"W{index}"] = W;
        parameters[$"b{index}"] = AsRow(b);
    }

    /// <summary>Adds a layer without parameters (an activation).</summary>
    protected void AddLayer(string name, ILayer layer) => layers.Add(new NamedLayer(name, layer));

    /// <inheritdoc/>
    public Matrix<double> Predict(Matrix<double> x)
    {
        foreach (var (_, layer) in layers)
        {
            x = layer.Forward(x);
        }
        return x;
    }

    /// <inheritdoc/>
    public double Loss(Matrix<double> x, int[] t) => LastLayer.Forward(Predict(x), t);

    /// <summary>The loss with one-hot labels.</summary>
    public double Loss(Matrix<double> x, Matrix<double> t) => LastLayer.Forward(Predict(x), t);

    /// <inheritdoc/>
    public double Accuracy(Matrix<double> x, int[] t)
    {
        var y = Functions.ArgMaxRows(Predict(x));
        Labels.Require("Accuracy", t, x.RowCount, Params[$"W{affines[^1].Index}"].ColumnCount);
        var correct = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] == t[i])
            {
                correct++;
            }
        }
        return (double)correct / x.RowCount;
    }

    /// <summary>The accuracy with one-hot labels.</summary>
    public double Accuracy(Matrix<double> x, Matrix<double> t) => Accuracy(x, Labels.FromOneHot(t));

    /// <summary>Gradients by backpropagation (오차역전파법).</summary>
    public IReadOnlyDictionary<string, Matrix<double>> Gradient(Matrix<double> x, int[] t) => Gradient(x, t, out _);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix<double>> Gradient(Matrix<double> x, int[] t, out double loss)
    {
        // forward
        loss = Loss(x, t);
        return Backward();
    }

    /// <summary>Gradients by backpropagation with one-hot labels.</summary>
    public IReadOnlyDictionary<string, Matrix<double>> Gradient(Matrix<double> x, Matrix<double> t)
    {
        Loss(x, t);
        return Backward();
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix<double>> NumericalGradient(Matrix<double> x, int[] t)
    {
        var grads = new Dictionary<string, Matrix<double>>();
        foreach (var (name, parameter) in parameters)
        {
            grads[name] = Backprop.NumericalGradient.Of(() => Loss(x, t), parameter);
        }
        return grads;
    }

    private Dictionary<string, Matrix<double>> Backward()
    {
        // backward
        var dout = LastLayer.Backward(1);
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            dout = layers[i].Layer.Backward(dout);
        }

        var grads = new Dictionary<string, Matrix<double>>();
        foreach (var (index, affine) in affines)
        {
            grads[$"W{index}"] = affine.dW;
            grads[$"b{index}"] = AsRow(affine.db);
        }
        return grads;
    }

    /// <summary>
    /// A network with the same layers and a copy of the current parameters, for predicting with a
    /// snapshot while this one goes on learning (the trainer's evaluations run that way on another
    /// core); null when a layer is of a kind it does not know how to copy.
    /// </summary>
    public LayeredNetwork? CopyForPrediction()
    {
        var copy = new Snapshot();
        var next = 0;
        foreach (var (name, layer) in layers)
        {
            switch (layer)
            {
                case Affine:
                    var (index, affine) = affines[next++];
                    copy.AddAffine(index, affine.W.Clone(), affine.b.Clone());
                    break;
                case Relu:
                    copy.AddLayer(name, new Relu());
                    break;
                case Sigmoid:
                    copy.AddLayer(name, new Sigmoid());
                    break;
                default:
                    return null;
            }
        }
        return copy;
    }

    private sealed class Snapshot : LayeredNetwork;

    /// <summary>A 1 × n matrix over the same storage as the vector, so that updating one updates the other.</summary>
    private static Matrix<double> AsRow(Vector<double> v) =>
        Matrix<double>.Build.Dense(1, v.Count, v.AsArray() ?? throw new ArgumentException("Parameters must be dense vectors"));
}
