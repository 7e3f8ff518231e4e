using System.Text.Json.Nodes;

namespace Backprop.Jupyter.KernelSpecs;

/// <summary>
/// The kernel.json of a kernelspec: how to start the kernel (argv with <c>{connection_file}</c>),
/// its display name, language and interrupt mode, and metadata.
/// </summary>
public sealed record KernelSpec(IReadOnlyList<string> Argv, string DisplayName, string Language, string InterruptMode, JsonObject Metadata)
{
    /// <summary>The metadata key that marks a kernelspec as written by this project.</summary>
    public const string OwnerKey = "backprop_notebooks";

    /// <summary>The kernelspec of this kernel, started by <paramref name="launcher"/> followed by <c>kernel run --connection-file {connection_file}</c>.</summary>
    public static KernelSpec ForBackprop(IReadOnlyList<string> launcher, string displayName, string version) => new(
        [.. launcher, "kernel", "run", "--connection-file", "{connection_file}"],
        displayName,
        "C#",
        "message",
        new JsonObject
        {
            [OwnerKey] = new JsonObject { ["version"] = version },
            ["debugger"] = false,
        });

    /// <summary>kernel.json as Jupyter reads it.</summary>
    public JsonObject ToJson() => new()
    {
        ["argv"] = new JsonArray([.. Argv.Select(a => (JsonNode)a)]),
        ["display_name"] = DisplayName,
        ["language"] = Language,
        ["interrupt_mode"] = InterruptMode,
        ["metadata"] = Metadata.DeepClone(),
    };
}
