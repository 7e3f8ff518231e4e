#!/usr/bin/python3
"""Times the same class-free training loop written the natural way in NumPy (seed_loop.py) and in C#
(natural.csx: MathNet operators, Transpose(), Map, PointwiseExp, ColumnSums, fresh matrices every
step), alternating, and prints the medians, the ratios C# / NumPy and the final accuracies. The C#
runs as the cells of a notebook

  - in `backprop notebooks run` (the headless runner), and
  - in the Jupyter kernel, through `jupyter nbconvert --execute` with the kernel installed from this
    checkout (skipped when nbconvert is missing).

Times are the loop's own (a clock around the 10,000 iterations and the 17 evaluations, after MNIST is
loaded), as printed by each program. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from every
child's environment, so that OpenBLAS picks its own kernels on both sides. Timings are informative
only; nothing here is asserted.

    bench/natural/side-by-side.py [--runs 3] [--hosts numpy,runner,kernel] [--iters 10000] [--env NAME=VALUE ...]

--env adds a variable to the C# hosts' environment (e.g. --env DOTNET_GCgen0size=0x4000000).
Needs Debian's python3-numpy with libopenblas0-pthread, and a Release build of lib/Backprop.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from polyglot import write_notebook  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"  # Debian's, with numpy; a pyenv python3 on PATH may lack it
LAUNCHER = os.path.join(ROOT, "backprop")
LIBRARY = os.path.join(ROOT, "lib", "Backprop", "bin", "Release", "net8.0", "Backprop.dll")


def cells():
    """natural.csx split at its "// cell" lines (the header before the first one is left out)."""
    with open(os.path.join(HERE, "natural.csx"), encoding="utf-8") as f:
        parts = f.read().split("// cell\n")[1:]
    return [p.replace("LIBRARY", LIBRARY).rstrip("\n") for p in parts]


def notebook(path):
    """A Polyglot-format notebook of natural.csx's cells."""
    write_notebook(path, cells())


def result_of_notebook(path):
    """The JSON line the last cell printed."""
    with open(path, encoding="utf-8") as f:
        last = json.load(f)["cells"][-1]
    text = "".join("".join(o.get("text", "")) for o in last["outputs"])
    errors = [o for o in last["outputs"] if o.get("output_type") == "error"]
    if errors or not text.strip():
        sys.exit(f"side-by-side: the notebook's last cell printed no result: {errors or text!r}")
    return json.loads(text.strip().splitlines()[-1])


def run(command, env):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"side-by-side: {' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}{result.stdout[-3000:]}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hosts", default="numpy,runner,kernel")
    parser.add_argument("--iters", type=int, default=10000)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the C# hosts")
    args = parser.parse_args()
    hosts = args.hosts.split(",")
    if "kernel" in hosts and not shutil.which("jupyter-nbconvert"):
        print("  (kernel: jupyter-nbconvert not found; apt-get install jupyter-nbconvert)")
        hosts.remove("kernel")
    if not os.path.exists(LIBRARY):
        sys.exit(f"side-by-side: {LIBRARY} not found; build it first: dotnet build lib/Backprop -c Release")

    base = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    base["NATURAL_ITERS"] = str(args.iters)
    ours = dict(base, **dict(e.split("=", 1) for e in args.env))
    rows = {h: [] for h in hosts}
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "natural.ipynb")
        notebook(source)
        ours.update(JUPYTER_PATH=os.path.join(tmp, "share", "jupyter"), JUPYTER_RUNTIME_DIR=os.path.join(tmp, "runtime"))
        subprocess.run([LAUNCHER, "--help"], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)  # publishes once, untimed
        if "kernel" in hosts:
            run([LAUNCHER, "kernel", "install", "--prefix", tmp], ours)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.iters} iterations;"
              f" C# hosts' extra environment: {' '.join(args.env) or 'none'}", flush=True)
        for i in range(args.runs):
            for host in hosts:
                if host == "numpy":
                    out = run([PYTHON, os.path.join(HERE, "seed_loop.py"), "--iters", str(args.iters)], base).stdout
                    result = json.loads(out.strip().splitlines()[-1])
                elif host == "runner":
                    ran = os.path.join(tmp, "ran.ipynb")
                    shutil.copy(source, ran)
                    run([LAUNCHER, "notebooks", "run", ran], ours)
                    result = result_of_notebook(ran)
                else:
                    out_dir = os.path.join(tmp, "out")
                    run(["jupyter-nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=1200",
                         "--output-dir", out_dir, source], ours)
                    result = result_of_notebook(os.path.join(out_dir, "natural.ipynb"))
                rows[host].append(result)
                gc = f"  GC {result['gen0']}/{result['gen1']}/{result['gen2']}" if "gen0" in result else ""
                print(f"  run {i + 1} {host:7} {result['seconds']:7.2f} s  train acc {result['train_acc']:.4f}"
                      f"  test acc {result['test_acc']:.4f}{gc}", flush=True)
    print(f"medians of {args.runs} (load average now {os.getloadavg()[0]:.1f}):")
    numpy = statistics.median(r["seconds"] for r in rows["numpy"]) if rows.get("numpy") else None
    fastest_numpy = min(r["seconds"] for r in rows["numpy"]) if rows.get("numpy") else None
    for host, results in rows.items():
        median = statistics.median(r["seconds"] for r in results)
        ratio = f"  {median / numpy:.2f}× NumPy" if numpy and host != "numpy" else ""
        if numpy and host != "numpy":
            # this machine's speed drifts between runs (NumPy alone varied 1.9× in one session), so also the
            # ratio within each round — the two runs next to each other in time — and fastest against fastest
            rounds = [r["seconds"] / n["seconds"] for r, n in zip(results, rows["numpy"])]
            ratio += (f"; per round {', '.join(f'{q:.2f}' for q in rounds)} (median {statistics.median(rounds):.2f});"
                      f" fastest {min(r['seconds'] for r in results) / fastest_numpy:.2f}×")
        accuracy = statistics.median(r["test_acc"] for r in results)
        print(f"  {host:7} {median:7.2f} s{ratio}  (test accuracy {accuracy:.4f})")

if __name__ == "__main__":
    main()
