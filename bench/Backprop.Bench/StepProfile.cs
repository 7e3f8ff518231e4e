using System.Diagnostics;
using Backprop.Data;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Optimizers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Bench;

internal static class StepProfile
{
    public static void Run()
    {
        var data = Mnist.Load();
        var network = new TwoLayerNet(784, 50, 10, seed: 42);
        var x = data.Train.Images(0, 100);
        var t = data.Train.LabelsAt(Enumerable.Range(0, 100).ToArray());
        var sgd = new Sgd(0.1);
        var l = network.Layers;
        void T(string name, Action a) { for (int i = 0; i < 200; i++) a(); var w = Stopwatch.StartNew(); for (int i = 0; i < 2000; i++) a(); Console.WriteLine($"{name,-20} {w.Elapsed.TotalMilliseconds * 1000 / 2000,8:F1} us"); }
        T("gradient", () => network.Gradient(x, t, out _));
        var g = network.Gradient(x, t, out _);
        T("update", () => sgd.Update(network.Params, g));
        T("loss", () => network.Loss(x, t));
        Matrix<double> h = x;
        foreach (var named in l) { var layer = named.Layer; var input = h; T("fwd " + layer.GetType().Name, () => layer.Forward(input)); h = layer.Forward(input); }
        T("softmaxloss fwd", () => network.LastLayer.Forward(h, t));
        var d = network.LastLayer.Backward();
        T("softmaxloss bwd", () => network.LastLayer.Backward());
        for (var i = l.Count - 1; i >= 0; i--) { var dd = d; var layer = l[i].Layer; T("bwd " + layer.GetType().Name, () => layer.Backward(dd)); d = layer.Backward(dd); }
        var W = network.Params["W1"];
        var dout = Matrix<double>.Build.Dense(100, 50, 1.0);
        T("x*W1", () => { var _ = x * W; });
        T("xT*dout", () => x.TransposeThisAndMultiply(dout));
        var buffer = Matrix<double>.Build.Dense(100, 784);
        var picks = Enumerable.Range(0, 100).Select(i => i * 577).ToArray();
        T("gather (buffer)", () => data.Train.Gather(picks, buffer));
    }
}
