#!/usr/bin/python3
"""The class-free two-layer network of the study notes the project was founded on, in NumPy as written
there: affine forward with a cache, a sigmoid hidden layer, softmax, one-hot labels, cross-entropy,
(y − t)/N, affine backward, the sigmoid's gradient, the update, one training step; 784-50-10, 10,000
iterations of random minibatches of 100, learning rate 0.1, and the accuracy on the full training and
test sets every 600 iterations.

Prints one line per evaluation and a last line of JSON: {"seconds": the loop's wall time,
"train_acc": …, "test_acc": …}. bench/natural/natural.csx is the same loop translated to C#.

    /usr/bin/python3 bench/natural/seed_loop.py [--iters 10000] [--seed 42]
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "numpy"))
from mnist import load_mnist
T={"step":0.0,"eval":0.0}  # noqa: E402


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def affine_layer_forward(X, W, b):
    y = np.dot(X, W) + b
    cache = (X, W, b)
    return y, cache


def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def _change_one_hot_label(X, num_category):
    T = np.zeros((X.size, num_category))
    for idx, row in enumerate(T):
        row[X[idx]] = 1
    return T


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size


def sigmoid_grad(x):
    return (1.0 - sigmoid(x)) * sigmoid(x)


def update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2
    return W1, b1, W2, b2


def affine_layer_backward(dy, cache):
    X, W, b = cache
    dX = np.dot(dy, W.T)
    dW = np.dot(X.T, dy)
    db = np.sum(dy, axis=0)
    return dX, dW, db


def train_step(X, Y, W1, b1, W2, b2, learning_rate=0.1):
    a1, cache1 = affine_layer_forward(X, W1, b1)
    z1 = sigmoid(a1)
    a2, cache2 = affine_layer_forward(z1, W2, b2)
    y_hat = softmax(a2)
    t = _change_one_hot_label(Y, 10)
    Loss = cross_entropy_error(y_hat, t)
    dy = (y_hat - t) / X.shape[0]
    dz1, dW2, db2 = affine_layer_backward(dy, cache2)
    da1 = sigmoid_grad(a1) * dz1
    dX, dW1, db1 = affine_layer_backward(da1, cache1)
    W1, b1, W2, b2 = update_params(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate)
    return W1, b1, W2, b2, Loss


def predict(W1, b1, W2, b2, X):
    a1 = np.dot(X, W1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, W2) + b2
    y = softmax(a2)
    return y


def accuracy(W1, b1, W2, b2, x, y):
    y_hat = predict(W1, b1, W2, b2, x)
    y_hat = np.argmax(y_hat, axis=1)
    accuracy = np.sum(y_hat == y) / float(x.shape[0])
    return accuracy


def init_params(input_size, hidden_size, output_size, weight_init_std=0.01):
    W1 = weight_init_std * np.random.randn(input_size, hidden_size)
    b1 = np.zeros(hidden_size)
    W2 = weight_init_std * np.random.randn(hidden_size, output_size)
    b2 = np.zeros(output_size)
    return W1, b1, W2, b2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iters", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    np.random.seed(args.seed)
    (x_train_reshaped, y_train), (x_test_reshaped, y_test) = load_mnist()

    iters_num = args.iters
    train_size = x_train_reshaped.shape[0]
    batch_size = 100
    train_loss_list = []
    train_acc_list = []
    test_acc_list = []
    iter_per_epoch = max(train_size / batch_size, 1)

    start = time.perf_counter()
    W1, b1, W2, b2 = init_params(784, 50, 10)
    for i in range(iters_num):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch = x_train_reshaped[batch_mask]
        y_batch = y_train[batch_mask]
        t0=time.perf_counter(); W1, b1, W2, b2, Loss = train_step(x_batch, y_batch, W1, b1, W2, b2, learning_rate=0.1); T["step"]+=time.perf_counter()-t0
        train_loss_list.append(Loss)
        if i % iter_per_epoch == 0:
            t0=time.perf_counter(); train_acc = accuracy(W1, b1, W2, b2, x_train_reshaped, y_train)
            test_acc = accuracy(W1, b1, W2, b2, x_test_reshaped, y_test)
            T["eval"]+=time.perf_counter()-t0; train_acc_list.append(train_acc)
            test_acc_list.append(test_acc)
            print(f"Loss: {Loss:.4f}  train acc, test acc | {train_acc:.4f}, {test_acc:.4f}", flush=True)
    seconds = time.perf_counter() - start
    print(T); print(json.dumps({"seconds": seconds, "train_acc": train_acc_list[-1], "test_acc": test_acc_list[-1]}))


if __name__ == "__main__":
    main()
