using System.Text.Json;

namespace Backprop.Jupyter;

/// <summary>
/// The connection file a frontend writes for the kernel: transport, address, the five ports,
/// and the key messages are signed with (an empty key means messages are not signed).
/// </summary>
public sealed record ConnectionInfo(
    string Transport,
    string IP,
    int ShellPort,
    int ControlPort,
    int StdinPort,
    int IopubPort,
    int HeartbeatPort,
    string Key,
    string SignatureScheme)
{
    /// <summary>A loopback connection with every port 0 (each bound to a free port) and the given key.</summary>
    public static ConnectionInfo Loopback(string key) =>
        new("tcp", "127.0.0.1", 0, 0, 0, 0, 0, key, "hmac-sha256");

    /// <summary>The ZeroMQ address of one port, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Address(int port) => $"{Transport}://{IP}:{(port == 0 ? "*" : port.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    /// <summary>Reads and checks a connection file; any problem is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"connection file {path} does not exist", path);
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"connection file {path} is not valid JSON: {e.Message}", e);
        }
        return Parse(root, path);
    }

    /// <summary>Checks the fields of a parsed connection file; <paramref name="source"/> names it in errors.</summary>
    public static ConnectionInfo Parse(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"connection file {source} must hold a JSON object, found {root.ValueKind}");
        }
        var transport = OptionalString(root, "transport", source) ?? "tcp";
        if (transport != "tcp")
        {
            throw new InvalidDataException($"connection file {source}: transport \"{transport}\" is not supported, only \"tcp\"");
        }
        var scheme = OptionalString(root, "signature_scheme", source) ?? "hmac-sha256";
        if (scheme != "hmac-sha256")
        {
            throw new InvalidDataException($"connection file {source}: signature_scheme \"{scheme}\" is not supported, only \"hmac-sha256\"");
        }
        return new ConnectionInfo(
            transport,
            OptionalString(root, "ip", source) ?? "127.0.0.1",
            Port(root, "shell_port", source),
            Port(root, "control_port", source),
            Port(root, "stdin_port", source),
            Port(root, "iopub_port", source),
            Port(root, "hb_port", source),
            OptionalString(root, "key", source) ?? "",
            scheme);
    }

    private static string? OptionalString(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException($"connection file {source}: \"{name}\" must be a string, found {value.ValueKind}");
        }
        return value.GetString();
    }

    private static int Port(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            throw new InvalidDataException($"connection file {source}: \"{name}\" is missing");
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var port) || port is < 0 or > 65535)
        {
            throw new InvalidDataException($"connection file {source}: \"{name}\" must be a port number 0–65535, found {value}");
        }
        return port;
    }
}
