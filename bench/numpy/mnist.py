"""Load the bundled MNIST (data/mnist/*.gz, IDX format) with gzip and NumPy."""
import gzip
import os

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "mnist")


def _read(name, offset):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load_mnist():
    """(x_train, t_train), (x_test, t_test): images as float64 rows in [0, 1], labels as class indices."""
    x_train = _read("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float64) / 255.0
    t_train = _read("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
    x_test = _read("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float64) / 255.0
    t_test = _read("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return (x_train, t_train), (x_test, t_test)
