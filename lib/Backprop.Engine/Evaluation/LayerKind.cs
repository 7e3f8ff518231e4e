namespace Backprop.Engine;

/// <summary>The kinds of layer the screened evaluation can bound (<see cref="ScreenedAccuracy"/>); any other declines it.</summary>
internal enum LayerKind
{
    /// <summary>Any layer not listed here.</summary>
    Other,

    /// <summary>Y = X·W + B.</summary>
    Affine,

    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>1 / (1 + exp(−x)).</summary>
    Sigmoid,
}
