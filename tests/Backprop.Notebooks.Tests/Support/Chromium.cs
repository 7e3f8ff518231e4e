namespace Backprop.Notebooks.Tests.Support;

/// <summary>Where the system's Chromium is (BACKPROP_CHROMIUM overrides), or null.</summary>
internal static class Chromium
{
    private static readonly string[] Candidates = { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" };

    public static string? Path =>
        Environment.GetEnvironmentVariable("BACKPROP_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Flags for a quiet, offline, sandbox-free headless run.</summary>
    public static readonly string[] Flags =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    };
}
