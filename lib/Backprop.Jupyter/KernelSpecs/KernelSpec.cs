using System.Text.Json.Nodes;

namespace Backprop.Jupyter.KernelSpecs;

/// <summary>
/// The kernel.json of a kernelspec: how to start the kernel (argv with <c>{connection_file}</c>),
/// its display name, language and interrupt mode, metadata, and the environment variables it starts with.
/// </summary>
public sealed record KernelSpec(IReadOnlyList<string> Argv, string DisplayName, string Language, string InterruptMode, JsonObject Metadata)
{
    /// <summary>The metadata key that marks a kernelspec as written by this project.</summary>
    public const string OwnerKey = "backprop_notebooks";

    /// <summary>
    /// The runtime settings the <c>backprop</c> command runs with — in the kernel through kernel.json's
    /// <c>env</c>, and through the repository's <c>./backprop</c> launcher, which sets the same — so that a
    /// notebook trains as fast as <c>backprop train</c>. <c>DOTNET_GCgen0size</c>: a training step leaves
    /// about 200 KB of short-lived matrices behind; where the runtime cannot read the processor's cache
    /// sizes (the project's VMs) it collects them every ~2 MB, about 1,000 times a run and 0.37 s of
    /// pauses out of 3 s. With 12 MB it collects ~150 times (0.12 s), and a run takes ~10% less time.
    /// The runtime reads this setting only from the environment, before any code of ours runs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0xC00000",
    };

    /// <summary>Environment variables the kernel is started with (kernel.json's <c>env</c>); none by default.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

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
        })
    {
        Env = ProcessEnvironment,
    };

    /// <summary>kernel.json as Jupyter reads it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["argv"] = new JsonArray([.. Argv.Select(a => (JsonNode)a)]),
            ["display_name"] = DisplayName,
            ["language"] = Language,
            ["interrupt_mode"] = InterruptMode,
            ["metadata"] = Metadata.DeepClone(),
        };
        if (Env.Count > 0)
        {
            json["env"] = new JsonObject(Env.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
        }
        return json;
    }
}
