using Backprop.Graph;

namespace Backprop.Tests.Graph;

public sealed class ComputationalGraphTests
{
    [Fact]
    public void Buying_apples_costs_220_and_backward_gives_2_2_110_200()
    {
        double apple = 100, appleNum = 2, tax = 1.1;
        var mulAppleLayer = new MulLayer();
        var mulTaxLayer = new MulLayer();

        var applePrice = mulAppleLayer.Forward(apple, appleNum);
        var price = mulTaxLayer.Forward(applePrice, tax);

        var (dApplePrice, dTax) = mulTaxLayer.Backward(1);
        var (dApple, dAppleNum) = mulAppleLayer.Backward(dApplePrice);

        Assert.Equal(220, price, 10);
        Assert.Equal(2.2, dApple, 10);
        Assert.Equal(110, dAppleNum, 10);
        Assert.Equal(200, dTax, 10);
    }

    [Fact]
    public void Buying_apples_and_oranges_costs_715_and_backward_gives_2_2_110_3_3_165_650()
    {
        double apple = 100, appleNum = 2, orange = 150, orangeNum = 3, tax = 1.1;
        var mulAppleLayer = new MulLayer();
        var mulOrangeLayer = new MulLayer();
        var addAppleOrangeLayer = new AddLayer();
        var mulTaxLayer = new MulLayer();

        var applePrice = mulAppleLayer.Forward(apple, appleNum);
        var orangePrice = mulOrangeLayer.Forward(orange, orangeNum);
        var allPrice = addAppleOrangeLayer.Forward(applePrice, orangePrice);
        var price = mulTaxLayer.Forward(allPrice, tax);

        var (dAllPrice, dTax) = mulTaxLayer.Backward(1);
        var (dApplePrice, dOrangePrice) = addAppleOrangeLayer.Backward(dAllPrice);
        var (dOrange, dOrangeNum) = mulOrangeLayer.Backward(dOrangePrice);
        var (dApple, dAppleNum) = mulAppleLayer.Backward(dApplePrice);

        Assert.Equal(715, price, 10);
        Assert.Equal(2.2, dApple, 10);
        Assert.Equal(110, dAppleNum, 10);
        Assert.Equal(3.3, dOrange, 10);
        Assert.Equal(165, dOrangeNum, 10);
        Assert.Equal(650, dTax, 10);
    }

    [Fact]
    public void Mul_backward_swaps_the_inputs()
    {
        var layer = new MulLayer();
        layer.Forward(3, 5);
        Assert.Equal((10.0, 6.0), layer.Backward(2));
    }
}
