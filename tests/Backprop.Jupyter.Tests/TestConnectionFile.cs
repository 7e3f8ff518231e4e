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

    /// <summary>
    /// A free loopback port below the operating systems' ephemeral ranges (Linux 32768–60999, Windows and macOS
    /// 49152–65535). jupyter_client — in the conformance suite and nbconvert, run beside these tests — picks its
    /// ports by letting the system choose one and releasing it before the kernel binds it; a port of ours from
    /// the same range could be given to it in between, and its kernel would fail to start.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }
    }
}
