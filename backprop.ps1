# Runs the `backprop` command from this checkout, from PowerShell on any system: what ./backprop does,
# without bash. (Where PowerShell may not run scripts, as on a fresh Windows, use .\backprop.cmd.) The first
# time, it publishes the command (Release, ReadyToRun: compiled ahead of time for this machine) into
# lib/Backprop.Cli/bin/launcher; after that it runs it without rebuilding. Delete that directory to pick up
# changes to the code. Where the ReadyToRun compiler cannot be had (offline, say), it falls back to a plain
# Release build.
$root = $PSScriptRoot
$out = Join-Path $root 'lib/Backprop.Cli/bin/launcher'
$dll = Join-Path $out 'Backprop.Cli.dll'
$built = Join-Path $root 'lib/Backprop.Cli/bin/Release/net10.0/Backprop.Cli.dll'
$project = Join-Path $root 'lib/Backprop.Cli/Backprop.Cli.csproj'
# The runtime settings the command runs with, the same as ./backprop's: the processes that run cells
# (kernel, notebooks) get the kernel's (kernel.json's env), everything else (train, gradcheck) its own. For
# this command only: the session's own environment is restored afterwards.
$cells = $args.Count -gt 0 -and ($args[0] -in 'kernel', 'notebooks')
$settings = if ($cells) { @{ DOTNET_GCgen0size = '0x4000000'; DOTNET_GCLOHThreshold = '0x2000000' } } else { @{ DOTNET_GCgen0size = '0xC00000' } }
$saved = @{}
foreach ($name in $settings.Keys) {
    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    if (-not $saved[$name]) { [Environment]::SetEnvironmentVariable($name, $settings[$name]) }
}
try {
    if (-not (Test-Path $dll)) {
        dotnet publish $project -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o $out --nologo -v quiet |
            ForEach-Object { [Console]::Error.WriteLine($_) }
        if ($LASTEXITCODE -ne 0) {
            Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $out
            [Console]::Error.WriteLine('backprop: the ReadyToRun publish failed; using a plain Release build')
            if (-not (Test-Path $built)) {
                dotnet build $project -c Release --nologo -v quiet | ForEach-Object { [Console]::Error.WriteLine($_) }
            }
            $dll = $built
        }
    }
    dotnet $dll @args
    $code = $LASTEXITCODE
}
finally {
    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
}
exit $code
