"""Kernel start → first execute_result, for installed kernelspecs side by side (not a test).

    JUPYTER_PATH=/tmp/k/share/jupyter /usr/bin/python3 measure_startup.py python3 backprop-csharp

Each round starts every kernel once, sends "6*7" as soon as kernel_info answers, and stops at the
execute_result. Compare kernels within one run: absolute times depend on the machine's load.
"""

import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def measure(name):
    started = time.perf_counter()
    manager = KernelManager(kernel_name=name)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    ready = time.perf_counter() - started
    msg_id = client.execute("6*7")
    while True:
        msg = client.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_result":
            break
    first_result = time.perf_counter() - started
    client.stop_channels()
    manager.shutdown_kernel(now=False)
    return ready, first_result


def main(names, rounds=3):
    results = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            ready, first_result = measure(name)
            results[name].append(first_result)
            print(f"{name:18} ready {ready:5.2f} s   first result {first_result:5.2f} s", flush=True)
    for name, times in results.items():
        print(f"{name:18} median first result {statistics.median(times):5.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:] or ["python3", "backprop-csharp"])
