#!/usr/bin/python3
"""Times `backprop train` started each way a user can start it, alternating, and prints the medians of
the wall time and of the training loop's own time (the metrics' `seconds`):

  - `dotnet run -c Release --project lib/Backprop.Cli -- train` (the README's first command),
  - `dotnet run --project lib/Backprop.Cli -- train` (without -c: the command's project builds Release then too),
  - `./backprop train` (the launcher: a ReadyToRun publish, DOTNET_GCgen0size exported),
  - the published build started directly (lib/Backprop.Cli/bin/launcher/Backprop.Cli, the apphost),
  - the plain Release build started with `dotnet` (lib/Backprop.Cli/bin/Release/net10.0/Backprop.Cli.dll),
  - `pwsh ./backprop.ps1 train`, where PowerShell and the script are here.

Every way gets the same environment (this one, less OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE), so what
differs is only what travels with the app. Timings are informative only.

    bench/natural/start-up-ways.py [--runs 3]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLI = os.path.join(ROOT, "lib", "Backprop.Cli")


def ways():
    found = {
        "dotnet run": ["dotnet", "run", "-c", "Release", "--project", CLI, "--"],
        "dotnet run (no -c)": ["dotnet", "run", "--project", CLI, "--"],
        "./backprop": [os.path.join(ROOT, "backprop")],
        "published": [os.path.join(CLI, "bin", "launcher", "Backprop.Cli")],
        "dotnet build": ["dotnet", os.path.join(CLI, "bin", "Release", "net10.0", "Backprop.Cli.dll")],
    }
    if shutil.which("pwsh") and os.path.exists(os.path.join(ROOT, "backprop.ps1")):
        found["PowerShell"] = ["pwsh", "-NoProfile", "-File", os.path.join(ROOT, "backprop.ps1")]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "DOTNET_GCgen0size")}
    all_ways = ways()
    # once, untimed: the launcher publishes, dotnet run builds
    subprocess.run(all_ways["./backprop"] + ["--help"], stdout=subprocess.DEVNULL, check=True, cwd=ROOT, env=env)
    subprocess.run(["dotnet", "build", "-c", "Release", CLI, "--nologo", "-v", "q"], stdout=subprocess.DEVNULL, check=True, cwd=ROOT, env=env)
    if "PowerShell" not in all_ways:
        print("  (PowerShell: pwsh or backprop.ps1 not found here; not measured)")
    rows = {name: [] for name in all_ways}
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        metrics = os.path.join(tmp, "metrics.json")
        for i in range(args.runs):
            for name, command in all_ways.items():
                start = time.perf_counter()
                result = subprocess.run(command + ["train", "-q", "--metrics", metrics], cwd=ROOT, env=env, capture_output=True, text=True)
                wall = time.perf_counter() - start
                if result.returncode != 0:
                    sys.exit(f"start-up-ways: {name} failed ({result.returncode}):\n{result.stderr[-2000:]}")
                with open(metrics, encoding="utf-8") as f:
                    m = json.load(f)
                rows[name].append((wall, m["seconds"], m["test_acc"][-1]))
                print(f"  run {i + 1} {name:13} {wall:6.2f} s wall, loop {m['seconds']:6.2f} s, test acc {m['test_acc'][-1]:.4f}", flush=True)
    print(f"medians of {args.runs} (load average now {os.getloadavg()[0]:.1f}):")
    for name, results in rows.items():
        print(f"  {name:13} {statistics.median(r[0] for r in results):6.2f} s wall, loop {statistics.median(r[1] for r in results):6.2f} s")


if __name__ == "__main__":
    main()
