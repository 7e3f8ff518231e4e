namespace Backprop.Jupyter.Tests;

/// <summary>A kernel serving a <see cref="FakeInterpreter"/> on loopback ports, with a connected client.</summary>
internal sealed class RunningKernel : IDisposable
{
    private readonly StringWriter _logText = new();

    public RunningKernel(string key = "a-secret-key")
    {
        Log = TextWriter.Synchronized(_logText);
        Kernel = new JupyterKernel(ConnectionInfo.Loopback(key), Interpreter, Log);
        Kernel.Start();
        Client = new TestKernelClient(Kernel.Connection);
        Client.WaitUntilReady();
    }

    public FakeInterpreter Interpreter { get; } = new();

    public JupyterKernel Kernel { get; }

    public TestKernelClient Client { get; }

    public TextWriter Log { get; }

    /// <summary>What the kernel logged so far.</summary>
    public string LogText
    {
        get
        {
            lock (Log)
            {
                return _logText.ToString();
            }
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Kernel.Dispose();
    }
}
