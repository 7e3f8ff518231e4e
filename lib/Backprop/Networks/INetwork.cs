using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Networks;

/// <summary>What training and gradient checking need from a network.</summary>
public interface INetwork
{
    /// <summary>The parameters by name ("W1", "b1", …); biases are 1 × n matrices sharing the layers' storage.</summary>
    IReadOnlyDictionary<string, Matrix<double>> Params { get; }

    /// <summary>The scores (before softmax) for each row of x.</summary>
    Matrix<double> Predict(Matrix<double> x);

    /// <summary>The loss for inputs x and labels t (class indices).</summary>
    double Loss(Matrix<double> x, int[] t);

    /// <summary>The fraction of rows of x whose highest score is the label.</summary>
    double Accuracy(Matrix<double> x, int[] t);

    /// <summary>Gradients of the loss by backpropagation, by parameter name; <paramref name="loss"/> is the loss of the forward pass.</summary>
    IReadOnlyDictionary<string, Matrix<double>> Gradient(Matrix<double> x, int[] t, out double loss);

    /// <summary>Gradients of the loss by numerical differentiation (slow; for checking).</summary>
    IReadOnlyDictionary<string, Matrix<double>> NumericalGradient(Matrix<double> x, int[] t);
}
