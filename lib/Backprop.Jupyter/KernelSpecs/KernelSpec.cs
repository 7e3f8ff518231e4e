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
    /// The runtime settings of the processes that run cells — the kernel, through kernel.json's <c>env</c>,
    /// and <c>backprop notebooks run</c> through the repository's <c>./backprop</c> launcher, which sets the same.
    /// The runtime reads the first-generation budget only from the environment, before any code of ours runs.
    /// Code in cells written the natural way makes new matrices at every step (a minibatch of 627 KB, its
    /// transpose, gradients and weights of 314 KB) and, in each evaluation, 60,000-row matrices of 4.8–24 MB.
    /// With the runtime's defaults the ones over 85,000 bytes go to the large-object heap, collected only with
    /// the whole heap, and come back as fresh pages (a page fault each 4 KB). A 32 MB large-object threshold
    /// (<c>DOTNET_GCLOHThreshold</c>) keeps them young, and a 64 MB first-generation budget
    /// (<c>DOTNET_GCgen0size</c>) lets them die young: seed 001's loop translated line by line went from
    /// 1.37× to 0.87× NumPy's time in the runner (bench/natural, medians of 2), with 5 full collections instead of 56.
    /// <c>backprop train</c> keeps the 12 MB budget and the default threshold (a 1 MB threshold cost it ~25% CPU).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0x4000000",
        ["DOTNET_GCLOHThreshold"] = "0x2000000",
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
