using Backprop.Interactive;

namespace Backprop.Jupyter.Tests;

/// <summary>A kernel serving the real C# interpreter on loopback ports, with a connected client (one per test class).</summary>
public sealed class CSharpKernel : IDisposable
{
    private readonly CSharpInterpreter _interpreter = new(AppContext.BaseDirectory);
    private readonly JupyterKernel _kernel;

    public CSharpKernel()
    {
        _kernel = new JupyterKernel(ConnectionInfo.Loopback("a-secret-key"), _interpreter, TextWriter.Null);
        _kernel.Start();
        Client = new TestKernelClient(_kernel.Connection);
        Client.WaitUntilReady();
    }

    internal TestKernelClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _kernel.Dispose();
        _interpreter.Dispose();
    }
}
