namespace Backprop.Jupyter.Tests;

public sealed class ConnectionFileTests
{
    [Fact]
    public void Connection_file_fields_are_read()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "kernel-1.json");
        File.WriteAllText(path, """
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "backprop-csharp"}
            """);

        var connection = ConnectionInfo.Load(path);

        Assert.Equal(new ConnectionInfo("tcp", "127.0.0.1", 5001, 5004, 5003, 5002, 5005, "abc", "hmac-sha256"), connection);
        Assert.Equal("tcp://127.0.0.1:5001", connection.Address(connection.ShellPort));
    }

    [Fact]
    public void Missing_connection_file_is_one_line_naming_it()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "nowhere.json");
        var run = CliRun.Of("kernel", "run", "--connection-file", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: connection file {path} does not exist", run.Error.Trim());
    }

    [Theory]
    [InlineData("{ not json", "is not valid JSON")]
    [InlineData("[1, 2]", "must hold a JSON object")]
    [InlineData("""{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4}""", "\"hb_port\" is missing")]
    [InlineData("""{"shell_port": "x", "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}""", "\"shell_port\" must be a port number")]
    [InlineData("""{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "transport": "ipc"}""", "transport \"ipc\" is not supported")]
    [InlineData("""{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "signature_scheme": "hmac-md5"}""", "signature_scheme \"hmac-md5\" is not supported")]
    public void Malformed_connection_file_is_one_line_naming_the_file_and_the_problem(string text, string problem)
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "kernel-bad.json");
        File.WriteAllText(path, text);

        var run = CliRun.Of("kernel", "run", "-f", path);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: connection file {path}", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
    }
}
