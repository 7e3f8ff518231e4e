using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

/// <summary>A kernel connection on free loopback ports, written as the connection file a frontend would write.</summary>
internal static class TestConnectionFile
{
    /// <summary>Writes <paramref name="name"/> in <paramref name="folder"/> and returns the connection and the file's path.</summary>
    public static (ConnectionInfo Connection, string Path) Write(string folder, string name)
    {
        var connection = new ConnectionInfo("tcp", "127.0.0.1", FreePort(), FreePort(), FreePort(), FreePort(), FreePort(), Guid.NewGuid().ToString(), "hmac-sha256");
        var path = System.IO.Path.Combine(folder, name);
        File.WriteAllText(path, new JsonObject
        {
            ["shell_port"] = connection.ShellPort,
            ["control_port"] = connection.ControlPort,
            ["stdin_port"] = connection.StdinPort,
            ["iopub_port"] = connection.IopubPort,
            ["hb_port"] = connection.HeartbeatPort,
            ["ip"] = connection.IP,
            ["key"] = connection.Key,
            ["transport"] = "tcp",
            ["signature_scheme"] = "hmac-sha256",
        }.ToJsonString());
        return (connection, path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
