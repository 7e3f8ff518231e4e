namespace Backprop.Jupyter;

/// <summary>The kernel's message sockets (the heartbeat is separate: it carries no messages).</summary>
public enum KernelChannel
{
    /// <summary>Requests from frontends: execute, complete, inspect, history …</summary>
    Shell,
    /// <summary>Urgent requests served even while a cell runs: interrupt, shutdown.</summary>
    Control,
    /// <summary>Input requests from kernel to frontend.</summary>
    Stdin,
    /// <summary>Broadcast of status and outputs to every frontend.</summary>
    Iopub,
}
