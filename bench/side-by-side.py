#!/usr/bin/python3
"""Runs the chapter's experiment and gradient check in NumPy (bench/numpy) and with `backprop`,
alternating, several times, and prints the median wall time, the median peak resident memory and
the ratios (ours / NumPy). Timings are informative only; nothing here is asserted.

    bench/side-by-side.py [--runs 3] [--only train|gradcheck] [--cores 0,1] [--backprop "dotnet path/to/backprop.dll"]

Both sides run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from their environment, so that
OpenBLAS picks its own kernels and block sizes for this processor (a machine that exports them, as
some VM images do, can slow NumPy's products more than twofold). --cores runs both under
`taskset -c CORES` (e.g. 0 for one core, 0,1 for two): .NET then counts only those cores.

By default `backprop` is the repository's launcher, ./backprop, as a user runs it (it publishes the
command once, ReadyToRun; delete lib/Backprop.Cli/bin/launcher after changing the code). Needs Debian's
python3-numpy with libopenblas0-pthread.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")  # removed for both sides: OpenBLAS's own choice
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"  # Debian's, with numpy; a pyenv python3 on PATH may lack it
LAUNCHER = os.path.join(ROOT, "backprop")


def run(command, metrics_path=None):
    """Runs one command; returns (wall seconds, its peak resident memory in MB, its CPU seconds, its metrics JSON)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        env = {k: v for k, v in os.environ.items() if k not in UNSET}
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, env=env)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage: ru_maxrss in KB
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            sys.exit(f"side-by-side: {' '.join(command)} failed ({process.returncode}):\n{err.read().decode(errors='replace')[-2000:]}")
        if metrics_path:
            with open(metrics_path, encoding="utf-8") as f:
                metrics = json.load(f)
        else:
            out.seek(0)
            metrics = json.loads(out.read().decode().splitlines()[0])
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime, metrics


def experiment(name, numpy_command, ours_command, runs):
    rows = {"NumPy": [], "backprop": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            for who, command in (("NumPy", numpy_command), ("backprop", ours_command)):
                metrics_path = None
                if who == "backprop":
                    metrics_path = os.path.join(tmp, f"{name}-{i}.json")
                    command = command + ["--metrics", metrics_path]
                wall, peak, cpu, metrics = run(command, metrics_path)
                rows[who].append((wall, peak, cpu))
                print(f"  {name} run {i + 1} {who:9} {wall:7.2f} s wall {cpu:7.2f} s CPU {peak:7.0f} MB  {summary(name, metrics)}", flush=True)
    numpy_wall = statistics.median(r[0] for r in rows["NumPy"])
    numpy_peak = statistics.median(r[1] for r in rows["NumPy"])
    ours_wall = statistics.median(r[0] for r in rows["backprop"])
    ours_peak = statistics.median(r[1] for r in rows["backprop"])
    numpy_cpu = statistics.median(r[2] for r in rows["NumPy"])
    ours_cpu = statistics.median(r[2] for r in rows["backprop"])
    print(f"{name:9}  NumPy {numpy_wall:7.2f} s ({numpy_cpu:.2f} s CPU) {numpy_peak:6.0f} MB"
          f" | backprop {ours_wall:7.2f} s ({ours_cpu:.2f} s CPU) {ours_peak:6.0f} MB"
          f" | ratio wall {ours_wall / numpy_wall:.3f}, CPU {ours_cpu / numpy_cpu:.3f}, memory {ours_peak / numpy_peak:.3f}"
          f"  (medians of {runs}; load average now {os.getloadavg()[0]:.1f})", flush=True)


def summary(name, metrics):
    if name == "train":
        return f"test acc {metrics['test_acc'][-1]:.4f}"
    return " ".join(f"{k} {v:.1e}" for k, v in metrics.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["train", "gradcheck"])
    parser.add_argument("--backprop", default=shlex.quote(LAUNCHER), help="the command that runs backprop")
    parser.add_argument("--cores", help="run both sides under taskset -c CORES (e.g. 0 or 0,1)")
    args = parser.parse_args()
    ours = shlex.split(args.backprop)
    python = [PYTHON]
    if args.cores:
        ours = ["taskset", "-c", args.cores] + ours
        python = ["taskset", "-c", args.cores, PYTHON]
    # once, untimed: the launcher publishes the command on its first run
    subprocess.run(ours + ["--help"], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    numpy_dir = os.path.join(ROOT, "bench", "numpy")
    cores = f"taskset -c {args.cores}" if args.cores else "all of them"
    print(f"machine: {os.cpu_count()} cores ({cores}), load average {os.getloadavg()[0]:.1f}; {' and '.join(UNSET)} unset for both sides; runs alternate NumPy / backprop")
    if args.only in (None, "train"):
        experiment("train", python + [os.path.join(numpy_dir, "train.py")], ours + ["train"], args.runs)
    if args.only in (None, "gradcheck"):
        experiment("gradcheck", python + [os.path.join(numpy_dir, "gradcheck.py")], ours + ["gradcheck"], args.runs)


if __name__ == "__main__":
    main()
