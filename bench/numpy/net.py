"""The chapter's two-layer network (Affine, ReLU, Affine, Softmax-with-Loss) in plain NumPy."""
import numpy as np


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": weight_init_std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }

    def predict(self, x):
        p = self.params
        h = np.maximum(x @ p["W1"] + p["b1"], 0.0)
        return h @ p["W2"] + p["b2"]

    def loss(self, x, t):
        y = softmax(self.predict(x))
        return -np.sum(np.log(y[np.arange(len(t)), t] + 1e-7)) / len(t)

    def accuracy(self, x, t):
        return float(np.mean(np.argmax(self.predict(x), axis=1) == t))

    def gradient(self, x, t):
        """Backpropagation; returns the gradients and the loss of this forward pass."""
        p = self.params
        a1 = x @ p["W1"] + p["b1"]
        mask = a1 <= 0
        h = np.where(mask, 0.0, a1)
        y = softmax(h @ p["W2"] + p["b2"])
        n = len(t)
        loss = -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
        dy = y.copy()
        dy[np.arange(n), t] -= 1.0
        dy /= n
        grads = {"W2": h.T @ dy, "b2": dy.sum(axis=0)}
        dh = dy @ p["W2"].T
        dh[mask] = 0.0
        grads["W1"] = x.T @ dh
        grads["b1"] = dh.sum(axis=0)
        return grads, loss

    def numerical_gradient(self, x, t, h=1e-4):
        grads = {}
        for key, w in self.params.items():
            g = np.zeros_like(w)
            it = np.nditer(w, flags=["multi_index"])
            while not it.finished:
                i = it.multi_index
                old = w[i]
                w[i] = old + h
                fxh1 = self.loss(x, t)
                w[i] = old - h
                fxh2 = self.loss(x, t)
                g[i] = (fxh1 - fxh2) / (2 * h)
                w[i] = old
                it.iternext()
            grads[key] = g
        return grads


def softmax(a):
    a = a - a.max(axis=1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=1, keepdims=True)
