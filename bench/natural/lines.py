#!/usr/bin/python3
"""Where the natural loop's time goes, line by line: seed_loop.py's NumPy and natural.csx's C# with a clock
around each line of the training step, around drawing the minibatch, and around the evaluations, run
alternately (NumPy in Debian's /usr/bin/python3, the C# as notebook cells in `backprop notebooks run`),
and printed side by side as milliseconds per step (medians over the rounds).

The C# is natural.csx itself, with a timestamp taken after each line of TrainStep and around the minibatch
and the evaluations (the code is rewritten as text here, so natural.csx stays as a learner would write it).
The NumPy side calls seed_loop.py's own functions in the same order. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
are removed for both sides. Timings are informative only; nothing here is asserted.

    bench/natural/lines.py [--runs 2] [--iters 3000]
    bench/natural/lines.py --print-cells    # the C# cells as a JSON list, with LIBRARY for Backprop.dll's path (for the tests)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
from polyglot import write_notebook  # noqa: E402

PYTHON = "/usr/bin/python3"
LAUNCHER = os.path.join(ROOT, "backprop")
LIBRARY = os.path.join(ROOT, "lib", "Backprop", "bin", "Release", "net8.0", "Backprop.dll")

# the rows of the table: TrainStep's lines in order, then the minibatch and the evaluations
STEP_LINES = ["affine 1 forward", "sigmoid", "affine 2 forward", "softmax", "one-hot labels", "cross-entropy",
              "dy = (ŷ − t)/N", "affine 2 backward", "sigmoid grad × dz1", "affine 1 backward (dX, dW1, db1)",
              "update"]
DRAW = "draw the minibatch"


def csharp_cells(library=LIBRARY):
    """natural.csx's cells with clocks around each TrainStep line, the minibatch and the evaluations;
    the cells #r `library` (Backprop.dll)."""
    with open(os.path.join(HERE, "natural.csx"), encoding="utf-8") as f:
        cells = [c.replace("LIBRARY", library) for c in f.read().split("// cell\n")[1:]]
    functions, loop = cells[2], cells[3]
    first = "    var (a1, cache1) = AffineLayerForward(X, W1, b1);"
    last = "    return (W1, b1, W2, b2, loss);"
    start, end = functions.index(first), functions.index(last)
    body = functions[start:end].rstrip("\n").split("\n")
    if len(body) != len(STEP_LINES):
        sys.exit(f"lines: TrainStep has {len(body)} lines, the table {len(STEP_LINES)}; update STEP_LINES")
    timed = ["    long lineClock = Stopwatch.GetTimestamp(), lineNow;"]
    for k, line in enumerate(body):
        timed += [line, f"    lineNow = Stopwatch.GetTimestamp(); LineTicks[{k}] += lineNow - lineClock; lineClock = lineNow;"]
    functions = ("long[] LineTicks = new long[%d];\n" % len(body)) + functions[:start] + "\n".join(timed) + "\n" + functions[end:]

    def swap(text, old, new):
        if old not in text:
            sys.exit(f"lines: natural.csx no longer has {old.strip()!r}; update lines.py")
        return text.replace(old, new)

    loop = swap(loop, "    var xBatch = data.Train.Images(batchMask);",
                "    var drawClock = Stopwatch.GetTimestamp();\n    var xBatch = data.Train.Images(batchMask);\n"
                "    DrawTicks += Stopwatch.GetTimestamp() - drawClock;")
    loop = swap(loop, "        var trainAcc = ", "        var evalClock = Stopwatch.GetTimestamp();\n        var trainAcc = ")
    loop = swap(loop, "        trainAccList.Add(trainAcc);",
                "        EvalSeconds.Add((Stopwatch.GetTimestamp() - evalClock) / (double)Stopwatch.Frequency);\n"
                "        trainAccList.Add(trainAcc);")
    loop = "long DrawTicks = 0;\nvar EvalSeconds = new List<double>();\n" + loop
    loop += ("\nConsole.WriteLine(\"LINES \" + JsonSerializer.Serialize(new { step = LineTicks.Select(t => t * 1e3 / Stopwatch.Frequency / itersNum).ToArray(),"
             " draw = DrawTicks * 1e3 / Stopwatch.Frequency / itersNum, evaluations = EvalSeconds, seconds }));")
    return cells[:2] + [functions, loop]


def child_environment():
    """This environment without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, for both sides."""
    return {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}


def run_csharp(iters, tmp):
    path = os.path.join(tmp, "lines.ipynb")
    write_notebook(path, csharp_cells())
    env = dict(child_environment(), NATURAL_ITERS=str(iters))
    result = subprocess.run([LAUNCHER, "notebooks", "run", path], cwd=ROOT, env=env, capture_output=True, text=True)
    with open(path, encoding="utf-8") as f:
        outputs = json.load(f)["cells"][-1]["outputs"]
    text = "".join("".join(o.get("text", "")) for o in outputs)
    found = [line for line in text.splitlines() if line.startswith("LINES ")]
    if result.returncode != 0 or not found:
        sys.exit(f"lines: the C# run failed ({result.returncode}):\n{result.stderr[-3000:]}{text[-3000:]}")
    return json.loads(found[-1][len("LINES "):])


NUMPY_PROGRAM = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2]); sys.path.insert(0, sys.argv[3])
import numpy as np
import seed_loop as s
from mnist import load_mnist
iters = int(sys.argv[1])
(x_train, y_train), (x_test, y_test) = load_mnist()
np.random.seed(42)
W1, b1, W2, b2 = s.init_params(784, 50, 10)
step = [0.0] * 11
draw = 0.0
evaluations = []
clock = time.perf_counter
start = clock()
for i in range(iters):
    t = clock()
    mask = np.random.choice(60000, 100); X = x_train[mask]; Y = y_train[mask]
    n = clock(); draw += n - t; t = n
    a1, cache1 = s.affine_layer_forward(X, W1, b1); n = clock(); step[0] += n - t; t = n
    z1 = s.sigmoid(a1); n = clock(); step[1] += n - t; t = n
    a2, cache2 = s.affine_layer_forward(z1, W2, b2); n = clock(); step[2] += n - t; t = n
    y_hat = s.softmax(a2); n = clock(); step[3] += n - t; t = n
    T = s._change_one_hot_label(Y, 10); n = clock(); step[4] += n - t; t = n
    loss = s.cross_entropy_error(y_hat, T); n = clock(); step[5] += n - t; t = n
    dy = (y_hat - T) / X.shape[0]; n = clock(); step[6] += n - t; t = n
    dz1, dW2, db2 = s.affine_layer_backward(dy, cache2); n = clock(); step[7] += n - t; t = n
    da1 = s.sigmoid_grad(a1) * dz1; n = clock(); step[8] += n - t; t = n
    dX, dW1, db1 = s.affine_layer_backward(da1, cache1); n = clock(); step[9] += n - t; t = n
    W1, b1, W2, b2 = s.update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, 0.1); n = clock(); step[10] += n - t
    if i % 600 == 0:
        e = clock()
        s.accuracy(W1, b1, W2, b2, x_train, y_train); s.accuracy(W1, b1, W2, b2, x_test, y_test)
        evaluations.append(clock() - e)
seconds = clock() - start
print("LINES " + json.dumps({"step": [v * 1e3 / iters for v in step], "draw": draw * 1e3 / iters,
                             "evaluations": evaluations, "seconds": seconds}))
"""


def run_numpy(iters):
    result = subprocess.run([PYTHON, "-c", NUMPY_PROGRAM, str(iters), HERE, os.path.join(os.path.dirname(HERE), "numpy")],
                            env=child_environment(), capture_output=True, text=True)
    found = [line for line in result.stdout.splitlines() if line.startswith("LINES ")]
    if result.returncode != 0 or not found:
        sys.exit(f"lines: the NumPy run failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(found[-1][len("LINES "):])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--iters", type=int, default=3000)
    parser.add_argument("--print-cells", action="store_true", help="print the timed C# cells as JSON and stop")
    args = parser.parse_args()
    if args.print_cells:
        print(json.dumps(csharp_cells("LIBRARY")))
        return
    if not os.path.exists(LIBRARY):
        sys.exit(f"lines: {LIBRARY} not found; build it first: dotnet build lib/Backprop -c Release")
    subprocess.run([LAUNCHER, "--help"], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)  # publishes once, untimed
    rows = {"numpy": [], "csharp": []}
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.iters} iterations", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            for side in rows:
                began = time.perf_counter()
                result = run_numpy(args.iters) if side == "numpy" else run_csharp(args.iters, tmp)
                rows[side].append(result)
                print(f"  run {i + 1} {side:6} loop {result['seconds']:6.2f} s  (whole run {time.perf_counter() - began:5.1f} s)", flush=True)

    def median(side, pick):
        return statistics.median(pick(r) for r in rows[side])

    print(f"\nmilliseconds per step, medians of {args.runs} runs:")
    print(f"  {'line':36} {'NumPy':>8} {'C#':>8} {'C# − NumPy':>11}")
    table = [(name, (lambda r, k=k: r["step"][k])) for k, name in enumerate(STEP_LINES)] + [(DRAW, lambda r: r["draw"])]
    totals = [0.0, 0.0]
    for name, pick in table:
        n, c = median("numpy", pick), median("csharp", pick)
        totals[0] += n
        totals[1] += c
        print(f"  {name:36} {n:8.3f} {c:8.3f} {c - n:+11.3f}")
    print(f"  {'step with its minibatch':36} {totals[0]:8.3f} {totals[1]:8.3f} {totals[1] - totals[0]:+11.3f}")
    # the first evaluation runs cold (JIT, first touch of the image matrices); the settled ones after it
    settled_n = median("numpy", lambda r: statistics.median(r["evaluations"][1:] or r["evaluations"]))
    settled_c = median("csharp", lambda r: statistics.median(r["evaluations"][1:] or r["evaluations"]))
    print(f"\nan evaluation (60,000 + 10,000 images; median of the evaluations after the first): NumPy {settled_n * 1e3:.0f} ms,"
          f" C# {settled_c * 1e3:.0f} ms")
    n, c = median("numpy", lambda r: r["seconds"]), median("csharp", lambda r: r["seconds"])
    print(f"loop: NumPy {n:.2f} s, C# {c:.2f} s ({c / n:.2f}×)")


if __name__ == "__main__":
    main()
