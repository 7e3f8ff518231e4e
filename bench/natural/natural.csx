// The class-free two-layer network of bench/natural/seed_loop.py, translated line by line the way a
// learner translates NumPy: MathNet operators, Transpose(), Map, PointwiseExp, ColumnSums, and fresh
// matrices at every step. bench/natural/side-by-side.py runs it as the cells of a notebook (each
// "// cell" line starts one) and replaces LIBRARY with the path of Backprop.dll.
// cell
#r "LIBRARY"
using System.Diagnostics;
using System.Text.Json;
using Backprop.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
// cell
var data = Mnist.Load();
var xTrainReshaped = data.Train.Images();   // 60,000 × 784, pixels in [0, 1]
var yTrain = data.Train.Labels;
var xTestReshaped = data.Test.Images();     // 10,000 × 784
var yTest = data.Test.Labels;
var iters = int.Parse(Environment.GetEnvironmentVariable("NATURAL_ITERS") ?? "10000");
// cell
Matrix<double> Sigmoid(Matrix<double> x) => x.Map(v => 1 / (1 + Math.Exp(-v)));

// NumPy adds b to every row (broadcasting); MathNet does not, so spell it out
Matrix<double> Rows(Vector<double> b, int count) => Matrix<double>.Build.Dense(count, b.Count, (i, j) => b[j]);

(Matrix<double> Y, (Matrix<double> X, Matrix<double> W, Vector<double> b) Cache) AffineLayerForward(Matrix<double> X, Matrix<double> W, Vector<double> b)
{
    var y = X * W + Rows(b, X.RowCount);
    var cache = (X, W, b);
    return (y, cache);
}

Matrix<double> Softmax(Matrix<double> x)
{
    x = x.Transpose();
    var max = Vector<double>.Build.Dense(x.ColumnCount, j => x.Column(j).Maximum());   // np.max(x, axis=0)
    x = x - Rows(max, x.RowCount);
    var y = x.PointwiseExp().PointwiseDivide(Rows(x.PointwiseExp().ColumnSums(), x.RowCount));
    return y.Transpose();
}

Matrix<double> ChangeOneHotLabel(int[] X, int numCategory)
{
    var T = Matrix<double>.Build.Dense(X.Length, numCategory);
    for (var idx = 0; idx < X.Length; idx++)
    {
        T[idx, X[idx]] = 1;
    }
    return T;
}

double CrossEntropyError(Matrix<double> y, Matrix<double> t)
{
    var labels = t.EnumerateRows().Select(row => row.MaximumIndex()).ToArray();   // t.argmax(axis=1)
    var batchSize = y.RowCount;
    return -Enumerable.Range(0, batchSize).Sum(i => Math.Log(y[i, labels[i]])) / batchSize;
}

Matrix<double> SigmoidGrad(Matrix<double> x) => (1.0 - Sigmoid(x)).PointwiseMultiply(Sigmoid(x));

(Matrix<double>, Vector<double>, Matrix<double>, Vector<double>) UpdateParams(
    Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2,
    Matrix<double> dW1, Vector<double> db1, Matrix<double> dW2, Vector<double> db2, double learningRate)
{
    W1 = W1 - learningRate * dW1;
    b1 = b1 - learningRate * db1;
    W2 = W2 - learningRate * dW2;
    b2 = b2 - learningRate * db2;
    return (W1, b1, W2, b2);
}

(Matrix<double> dX, Matrix<double> dW, Vector<double> db) AffineLayerBackward(Matrix<double> dy, (Matrix<double> X, Matrix<double> W, Vector<double> b) cache)
{
    var (X, W, b) = cache;
    var dX = dy * W.Transpose();
    var dW = X.Transpose() * dy;
    var db = dy.ColumnSums();
    return (dX, dW, db);
}

(Matrix<double>, Vector<double>, Matrix<double>, Vector<double>, double) TrainStep(
    Matrix<double> X, int[] Y, Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, double learningRate = 0.1)
{
    var (a1, cache1) = AffineLayerForward(X, W1, b1);
    var z1 = Sigmoid(a1);
    var (a2, cache2) = AffineLayerForward(z1, W2, b2);
    var yHat = Softmax(a2);
    var t = ChangeOneHotLabel(Y, 10);
    var loss = CrossEntropyError(yHat, t);
    var dy = (yHat - t) / X.RowCount;
    var (dz1, dW2, db2) = AffineLayerBackward(dy, cache2);
    var da1 = SigmoidGrad(a1).PointwiseMultiply(dz1);
    var (dX, dW1, db1) = AffineLayerBackward(da1, cache1);
    (W1, b1, W2, b2) = UpdateParams(W1, b1, W2, b2, dW1, db1, dW2, db2, learningRate);
    return (W1, b1, W2, b2, loss);
}

Matrix<double> Predict(Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Matrix<double> X)
{
    var a1 = X * W1 + Rows(b1, X.RowCount);
    var z1 = Sigmoid(a1);
    var a2 = z1 * W2 + Rows(b2, z1.RowCount);
    var y = Softmax(a2);
    return y;
}

double Accuracy(Matrix<double> W1, Vector<double> b1, Matrix<double> W2, Vector<double> b2, Matrix<double> x, int[] y)
{
    var yHat = Predict(W1, b1, W2, b2, x);
    var predicted = yHat.EnumerateRows().Select(row => row.MaximumIndex()).ToArray();   // np.argmax(y_hat, axis=1)
    return predicted.Where((p, i) => p == y[i]).Count() / (double)x.RowCount;
}

(Matrix<double>, Vector<double>, Matrix<double>, Vector<double>) InitParams(int inputSize, int hiddenSize, int outputSize, Random random, double weightInitStd = 0.01)
{
    var normal = new Normal(0, 1, random);
    var W1 = weightInitStd * Matrix<double>.Build.Random(inputSize, hiddenSize, normal);
    var b1 = Vector<double>.Build.Dense(hiddenSize);
    var W2 = weightInitStd * Matrix<double>.Build.Random(hiddenSize, outputSize, normal);
    var b2 = Vector<double>.Build.Dense(outputSize);
    return (W1, b1, W2, b2);
}
// cell
var itersNum = iters;
var trainSize = xTrainReshaped.RowCount;
var batchSize = 100;
var trainLossList = new List<double>();
var trainAccList = new List<double>();
var testAccList = new List<double>();
var iterPerEpoch = Math.Max(trainSize / batchSize, 1);

var clock = Stopwatch.StartNew();
var random = new Random(42);
var (W1, b1, W2, b2) = InitParams(784, 50, 10, random);
for (var i = 0; i < itersNum; i++)
{
    var batchMask = Enumerable.Range(0, batchSize).Select(_ => random.Next(trainSize)).ToArray();
    var xBatch = data.Train.Images(batchMask);
    var yBatch = data.Train.LabelsAt(batchMask);
    (W1, b1, W2, b2, var loss) = TrainStep(xBatch, yBatch, W1, b1, W2, b2, learningRate: 0.1);
    trainLossList.Add(loss);
    if (i % iterPerEpoch == 0)
    {
        var trainAcc = Accuracy(W1, b1, W2, b2, xTrainReshaped, yTrain);
        var testAcc = Accuracy(W1, b1, W2, b2, xTestReshaped, yTest);
        trainAccList.Add(trainAcc);
        testAccList.Add(testAcc);
        Console.WriteLine($"Loss: {loss:F4}  train acc, test acc | {trainAcc:F4}, {testAcc:F4}");
    }
}
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(JsonSerializer.Serialize(new { seconds, train_acc = trainAccList[^1], test_acc = testAccList[^1], gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2) }));
