"""The chapter's gradient check in plain NumPy: TwoLayerNet 784-50-10 on 3 training images,
mean |backprop - numerical| per parameter. Prints JSON like `backprop gradcheck --metrics`."""
import json
import sys

import numpy as np

from mnist import load_mnist
from net import TwoLayerNet


def main():
    (x_train, t_train), _ = load_mnist()
    network = TwoLayerNet(784, 50, 10, seed=0)
    x, t = x_train[:3], t_train[:3]
    numerical = network.numerical_gradient(x, t)
    backprop, _ = network.gradient(x, t)
    diffs = {key: float(np.mean(np.abs(backprop[key] - numerical[key]))) for key in ("W1", "b1", "W2", "b2")}
    json.dump(diffs, sys.stdout)
    print()


if __name__ == "__main__":
    main()
