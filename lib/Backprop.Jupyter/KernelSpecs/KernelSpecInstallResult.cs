namespace Backprop.Jupyter.KernelSpecs;

/// <summary>What happened to one kernelspec folder: written, or left alone because another kernel owns the name.</summary>
public sealed record KernelSpecInstallResult(string Name, string Directory, bool Written, string? Reason = null);
