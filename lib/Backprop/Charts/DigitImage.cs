using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Charts;

/// <summary>
/// A grayscale picture with intensities in [0, 1] (0 black, 1 white) — an MNIST digit, a weight
/// tile of W1 or a gallery of them — that notebooks show as image/png.
/// </summary>
public sealed class DigitImage
{
    private readonly double[] _pixels;
    private int _scale = 4;

    /// <summary>Creates an image from row-major <paramref name="pixels"/> in [0, 1]; values outside are clamped, NaN is black.</summary>
    public DigitImage(double[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"DigitImage: the size is {width}×{height} — both sides must be positive");
        }

        if (pixels.Length != width * height)
        {
            throw new ArgumentException(
                $"DigitImage: {pixels.Length} pixels given for {width}×{height} — expected {width * height}", nameof(pixels));
        }

        _pixels = new double[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            _pixels[i] = double.IsNaN(pixels[i]) ? 0 : Math.Clamp(pixels[i], 0, 1);
        }

        Width = width;
        Height = height;
    }

    /// <summary>Width in pixels before scaling.</summary>
    public int Width { get; }

    /// <summary>Height in pixels before scaling.</summary>
    public int Height { get; }

    /// <summary>Nearest-neighbour upscaling factor used by <see cref="ToPng"/> (default 4: a 28×28 digit becomes 112×112).</summary>
    public int Scale
    {
        get => _scale;
        set => _scale = value is >= 1 and <= 64
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "DigitImage: Scale must be between 1 and 64");
    }

    /// <summary>Optional text shown with the image (in its text/plain form).</summary>
    public string? Caption { get; set; }

    /// <summary>The intensity in [0, 1] at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public double this[int x, int y] => _pixels[(y * Width) + x];

    /// <summary>Row <paramref name="row"/> of <paramref name="images"/> (one flattened image per row, like x_train) as a picture.</summary>
    public static DigitImage FromRow(Matrix<double> images, int row, int width = 28, int height = 28)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (row < 0 || row >= images.RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"DigitImage: row {row} is outside the {images.RowCount}×{images.ColumnCount} matrix");
        }

        if (images.ColumnCount != width * height)
        {
            throw new ArgumentException(
                $"DigitImage: the matrix is {images.RowCount}×{images.ColumnCount} but a {width}×{height} image needs {width * height} columns");
        }

        return new DigitImage(images.Row(row).ToArray(), width, height);
    }

    /// <summary>Column <paramref name="column"/> of a weight matrix such as W1 (784×50) as a picture, stretched so its minimum is black and its maximum white.</summary>
    public static DigitImage FromColumn(Matrix<double> weights, int column, int width = 28, int height = 28)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (column < 0 || column >= weights.ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"DigitImage: column {column} is outside the {weights.RowCount}×{weights.ColumnCount} matrix");
        }

        if (weights.RowCount != width * height)
        {
            throw new ArgumentException(
                $"DigitImage: the matrix is {weights.RowCount}×{weights.ColumnCount} but a {width}×{height} image needs {width * height} rows");
        }

        return Normalized(weights.Column(column).ToArray(), width, height);
    }

    /// <summary>An image of arbitrary values stretched to [0, 1] (minimum black, maximum white; a constant image is mid-gray).</summary>
    public static DigitImage Normalized(double[] values, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToArray();
        var min = finite.Length == 0 ? 0 : finite.Min();
        var max = finite.Length == 0 ? 0 : finite.Max();
        var range = max - min;
        var scaled = values.Select(v => range > 0 ? (v - min) / range : 0.5).ToArray();
        return new DigitImage(scaled, width, height);
    }

    /// <summary>
    /// Lays <paramref name="tiles"/> out left to right, <paramref name="columns"/> per row, one mid-gray
    /// pixel between them; all tiles must have the same size. The grid takes the first tile's scale.
    /// </summary>
    public static DigitImage Grid(IReadOnlyList<DigitImage> tiles, int columns, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0)
        {
            throw new ArgumentException("DigitImage.Grid: no tiles given", nameof(tiles));
        }

        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "DigitImage.Grid: columns must be positive");
        }

        var (tileWidth, tileHeight) = (tiles[0].Width, tiles[0].Height);
        for (var i = 1; i < tiles.Count; i++)
        {
            if (tiles[i].Width != tileWidth || tiles[i].Height != tileHeight)
            {
                throw new ArgumentException(
                    $"DigitImage.Grid: tile {i} is {tiles[i].Width}×{tiles[i].Height} but tile 0 is {tileWidth}×{tileHeight} — all tiles must have the same size");
            }
        }

        const int gap = 1;
        var cols = Math.Min(columns, tiles.Count);
        var rows = (tiles.Count + cols - 1) / cols;
        var width = (cols * tileWidth) + ((cols - 1) * gap);
        var height = (rows * tileHeight) + ((rows - 1) * gap);
        var pixels = Enumerable.Repeat(0.5, width * height).ToArray();

        for (var i = 0; i < tiles.Count; i++)
        {
            var left = (i % cols) * (tileWidth + gap);
            var top = (i / cols) * (tileHeight + gap);
            for (var y = 0; y < tileHeight; y++)
            {
                Array.Copy(tiles[i]._pixels, y * tileWidth, pixels, ((top + y) * width) + left, tileWidth);
            }
        }

        return new DigitImage(pixels, width, height) { Scale = tiles[0].Scale, Caption = caption };
    }

    /// <summary>The image as a PNG file (8-bit grayscale), upscaled by <see cref="Scale"/>.</summary>
    public byte[] ToPng()
    {
        var (width, height) = (Width * Scale, Height * Scale);
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                gray[(y * width) + x] = (byte)Math.Round(this[x / Scale, y / Scale] * 255);
            }
        }

        return PngEncoder.EncodeGrayscale(gray, width, height);
    }

    /// <summary>Size, scale and caption, e.g. "DigitImage 28×28 (×4)".</summary>
    public override string ToString() =>
        $"DigitImage {Width}×{Height} (×{Scale})" + (Caption is null ? "" : $": {Caption}");
}
