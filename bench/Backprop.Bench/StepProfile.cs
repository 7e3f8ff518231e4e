using System.Diagnostics;
using Backprop.Data;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Optimizers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Bench;

internal static class StepProfile
{
    public static void Run(bool dense = false)
    {
        var data = Mnist.Load();
        var network = new TwoLayerNet(784, 50, 10, seed: 42);
        Matrix<double> x = dense ? data.Train.Images(0, 100) : data.Train.SparseImages(0, 100);
        Console.WriteLine(dense ? "minibatch: dense matrix" : "minibatch: sparse rows");
        var t = data.Train.LabelsAt(Enumerable.Range(0, 100).ToArray());
        var sgd = new Sgd(0.1);
        var l = network.Layers;
        var process = Process.GetCurrentProcess();
        void T(string name, Action a)
        {
            for (var i = 0; i < 200; i++)
            {
                a();
            }
            Thread.Sleep(300);   // let tiered compilation finish the hot methods
            for (var i = 0; i < 200; i++)
            {
                a();
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var w = Stopwatch.StartNew();
            for (var i = 0; i < 2000; i++)
            {
                a();
            }

            process.Refresh();
            Console.WriteLine($"{name,-20} {(process.TotalProcessorTime - cpu).TotalMilliseconds * 1000 / 2000,8:F1} us CPU {w.Elapsed.TotalMilliseconds * 1000 / 2000,8:F1} us wall");
        }
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
        var sparseBuffer = new SparseRowMatrix(100, 784);
        T("gather (sparse)", () => data.Train.Gather(picks, sparseBuffer));
        Matrix<double> x3 = dense ? data.Train.Images(0, 3) : data.Train.SparseImages(0, 3);
        var t3 = data.Train.LabelsAt([0, 1, 2]);
        T("loss (3 images)", () => network.Loss(x3, t3));
        T("x3*W1", () => { var _ = x3 * W; });
        T("predict (3 images)", () => network.Predict(x3));
    }
}
