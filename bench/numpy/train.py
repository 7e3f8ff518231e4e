"""The chapter's experiment in plain NumPy: 784-50-10, SGD lr 0.1, batch 100, 10000 iterations,
train and test accuracy on the full sets once per epoch. Prints JSON like `backprop train --metrics`."""
import json
import sys
import time

import numpy as np

from mnist import load_mnist
from net import TwoLayerNet


def main(iterations=10000, batch_size=100, learning_rate=0.1, seed=0):
    start = time.perf_counter()
    (x_train, t_train), (x_test, t_test) = load_mnist()
    network = TwoLayerNet(784, 50, 10, seed=seed)
    rng = np.random.default_rng(seed)
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size // batch_size, 1)
    losses, train_acc, test_acc = [], [], []
    for i in range(iterations):
        batch = rng.integers(0, train_size, batch_size)
        grads, loss = network.gradient(x_train[batch], t_train[batch])
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grads[key]
        losses.append(float(loss))
        if i % iter_per_epoch == 0:
            train_acc.append(network.accuracy(x_train, t_train))
            test_acc.append(network.accuracy(x_test, t_test))
    seconds = time.perf_counter() - start
    json.dump({"loss": losses, "train_acc": train_acc, "test_acc": test_acc, "seconds": seconds}, sys.stdout)
    print()
    print(f"train {train_acc[-1]:.4f} test {test_acc[-1]:.4f} seconds {seconds:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
