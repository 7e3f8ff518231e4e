namespace Backprop.Networks;

/// <summary>The activation function (활성화 함수) of hidden layers.</summary>
public enum Activation
{
    /// <summary>ReLU: max(0, x).</summary>
    Relu,

    /// <summary>Sigmoid: 1 / (1 + exp(−x)).</summary>
    Sigmoid,
}
