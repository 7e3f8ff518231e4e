namespace Backprop;

/// <summary>
/// The cancellation a host gives the library's long loops (training, the numerical gradient, loading
/// MNIST) when the caller passes no token: the notebook kernel publishes its running cell's interrupt
/// here, so that <c>new Trainer(…).Run()</c> in a cell stops when the cell is interrupted.
/// </summary>
/// <remarks>
/// A host sets it with <c>AppContext.SetData(AmbientCancellation.AppContextKey, (Func&lt;CancellationToken&gt;)source)</c>,
/// which needs no reference to this assembly; without a host the token is <see cref="CancellationToken.None"/>.
/// </remarks>
public static class AmbientCancellation
{
    /// <summary>The <see cref="AppContext"/> data name under which a host puts its <c>Func&lt;CancellationToken&gt;</c>.</summary>
    public const string AppContextKey = "Backprop.AmbientCancellation";

    private static Func<CancellationToken>? source;

    /// <summary>The host's current token (the running cell's interrupt), or <see cref="CancellationToken.None"/>.</summary>
    public static CancellationToken Token => Source()?.Invoke() ?? CancellationToken.None;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the host's current token is cancelled.</summary>
    public static void ThrowIfCancellationRequested() => Token.ThrowIfCancellationRequested();

    /// <summary>Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> or the host's token is cancelled.</summary>
    public static void ThrowIfCancellationRequested(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Token.ThrowIfCancellationRequested();
    }

    private static Func<CancellationToken>? Source() =>
        source ??= AppContext.GetData(AppContextKey) as Func<CancellationToken>;
}
