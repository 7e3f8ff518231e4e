using Backprop.Layers;

namespace Backprop.Networks;

/// <summary>One entry of a network's ordered layer list, e.g. ("Affine1", affine).</summary>
public sealed record NamedLayer(string Name, ILayer Layer);
