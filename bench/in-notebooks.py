#!/usr/bin/python3
"""Trains the chapter's network in a notebook and with the command, alternating, and prints the
medians: the same `Trainer` run (784-50-10, the defaults, accuracy every 600 steps) timed

  - in a cell of `backprop notebooks run` (the headless runner),
  - in a cell of the Jupyter kernel, run by `jupyter nbconvert --execute` (when nbconvert is here),
  - as the loop of `backprop train` (its metrics' `seconds`).

The notebook loads MNIST in one cell and trains twice, in two more cells: "first" is what a learner
gets on running the chapter, "second" a rerun in the same session. Timings are informative only.

    bench/in-notebooks.py [--runs 4]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from polyglot import write_notebook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(ROOT, "backprop")

TRAIN = """var clock = System.Diagnostics.Stopwatch.StartNew();
var history = new Trainer(new TwoLayerNet(784, 50, 10, weightInitStd: 0.01, seed: 42), data).Run();
Console.WriteLine($"{clock.Elapsed.TotalSeconds:F3} s, test accuracy {history.Epochs[^1].TestAccuracy:F4}");"""


def notebook(path):
    """A Polyglot-format notebook: references the library, loads MNIST, trains twice."""
    library = os.path.join(ROOT, "lib", "Backprop", "bin", "Release", "net8.0", "Backprop.dll")
    sources = [
        f'#r "{library}"\nusing Backprop.Data;\nusing Backprop.Networks;\nusing Backprop.Training;',
        "var data = Mnist.Load();",
        TRAIN,
        TRAIN.replace("var clock", "clock").replace("var history", "history"),
    ]
    write_notebook(path, sources)


def trainings(path):
    """The seconds the two training cells printed."""
    with open(path, encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    times = []
    for cell in cells[2:4]:
        text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
        times.append(float(text.split(" s,")[0]))
    return times


def run(command, env=None):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"in-notebooks: {' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}{result.stdout[-2000:]}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    nbconvert = shutil.which("jupyter-nbconvert")
    rows = {"runner": [], "kernel": [], "command": []}
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "train.ipynb")
        notebook(source)
        env = dict(os.environ, JUPYTER_PATH=os.path.join(tmp, "share", "jupyter"), JUPYTER_RUNTIME_DIR=os.path.join(tmp, "runtime"))
        if nbconvert:
            run([LAUNCHER, "kernel", "install", "--prefix", tmp])
        for i in range(args.runs):
            ran = os.path.join(tmp, "ran.ipynb")
            shutil.copy(source, ran)
            run([LAUNCHER, "notebooks", "run", ran])
            rows["runner"].append(trainings(ran))
            if nbconvert:
                run([nbconvert, "--to", "notebook", "--execute", "--output-dir", os.path.join(tmp, "out"), source], env)
                rows["kernel"].append(trainings(os.path.join(tmp, "out", "train.ipynb")))
            metrics = os.path.join(tmp, "metrics.json")
            run([LAUNCHER, "train", "-q", "--metrics", metrics])
            with open(metrics, encoding="utf-8") as f:
                rows["command"].append([json.load(f)["seconds"]])
            line = "  ".join(f"{who} {' / '.join(f'{t:.2f}' for t in times[-1])} s" for who, times in rows.items() if times)
            print(f"  run {i + 1}: {line}", flush=True)
    command = statistics.median(r[0] for r in rows["command"])
    print(f"medians of {args.runs}: backprop train's loop {command:.2f} s")
    for who in ("runner", "kernel"):
        if rows[who]:
            first = statistics.median(r[0] for r in rows[who])
            second = statistics.median(r[1] for r in rows[who])
            print(f"  {who:6}: first training {first:.2f} s ({first / command:.2f}× the command), second {second:.2f} s ({second / command:.2f}×)")
    if not nbconvert:
        print("  (kernel: jupyter-nbconvert not found; apt-get install jupyter-nbconvert)")


if __name__ == "__main__":
    main()
