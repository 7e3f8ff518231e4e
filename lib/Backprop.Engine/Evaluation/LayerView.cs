using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>What the screened evaluation needs to know of one layer: its kind, and an Affine layer's W and b.</summary>
internal readonly record struct LayerView(LayerKind Kind, Matrix<double>? W = null, Vector<double>? B = null);
