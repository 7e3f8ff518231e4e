using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// A layer (계층) of the network: <see cref="Forward"/> computes the output from the input and keeps
/// what the backward pass needs; <see cref="Backward"/> takes ∂L/∂out and returns ∂L/∂x.
/// A network is an ordered list of layers. Layers never modify the matrices they are given.
/// </summary>
public interface ILayer
{
    /// <summary>Forward propagation (순전파).</summary>
    Matrix<double> Forward(Matrix<double> x);

    /// <summary>Backward propagation (역전파): dout is ∂L/∂out, the result ∂L/∂x.</summary>
    Matrix<double> Backward(Matrix<double> dout);
}
