namespace Backprop.Interactive.Tests;

public sealed class DisplayTests
{
    [Fact]
    public async Task Display_and_update_share_one_display_id()
    {
        using var session = new Session();
        await session.ValueAsync("var h = display(\"epoch 1\");\nh.Update(\"epoch 2\");");
        var outputs = session.Publisher.Outputs;
        Assert.Equal(["display", "update"], outputs.Select(o => o.Kind));
        Assert.False(string.IsNullOrEmpty(outputs[0].DisplayId));
        Assert.Equal(outputs[0].DisplayId, outputs[1].DisplayId);
        Assert.Equal("epoch 1", outputs[0].Bundle!.Data["text/plain"]!.GetValue<string>());
        Assert.Equal("epoch 2", outputs[1].Bundle!.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Display_extension_method_shows_the_value()
    {
        using var session = new Session();
        await session.ValueAsync("var h = 41.Display(); h.Update(42);");
        var outputs = session.Publisher.Outputs;
        Assert.Equal("41", outputs[0].Bundle!.Data["text/plain"]!.GetValue<string>());
        Assert.Equal("42", outputs[1].Bundle!.Data["text/plain"]!.GetValue<string>());
        Assert.Equal(outputs[0].DisplayId, outputs[1].DisplayId);
    }

    [Fact]
    public async Task Display_from_an_earlier_cell_updates_through_the_running_cell()
    {
        using var session = new Session();
        await session.ValueAsync("var progress = display(\"waiting\");");
        var id = session.Publisher.Outputs.Single().DisplayId;
        await session.ValueAsync("progress.Update(\"epoch 1\");");
        var update = Assert.Single(session.Publisher.Outputs);
        Assert.Equal("update", update.Kind);
        Assert.Equal(id, update.DisplayId);
        Assert.Equal("epoch 1", update.Bundle!.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Display_of_a_string_with_a_mime_type_sends_it_as_that_content()
    {
        using var session = new Session();
        await session.ValueAsync("display(\"<b>hello</b>\", \"text/html\"); display(\"{\\\"a\\\": 1}\", \"application/json\");");
        var outputs = session.Publisher.Outputs;
        Assert.Equal("<b>hello</b>", outputs[0].Bundle!.Data["text/html"]!.GetValue<string>());
        Assert.Equal(1, outputs[1].Bundle!.Data["application/json"]!["a"]!.GetValue<int>());
    }

    [Fact]
    public async Task Each_display_gets_a_fresh_id()
    {
        using var session = new Session();
        await session.ValueAsync("display(1); display(2);");
        var ids = session.Publisher.Outputs.Select(o => o.DisplayId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Fact]
    public async Task Display_keeps_order_with_console_output()
    {
        using var session = new Session();
        await session.ValueAsync("Console.Write(\"before \"); display(1); Console.WriteLine(\"after\");");
        Assert.Equal(["stream", "display", "stream"], session.Publisher.Outputs.Select(o => o.Kind));
    }

    [Fact]
    public async Task ClearOutput_reaches_the_publisher()
    {
        using var session = new Session();
        await session.ValueAsync("ClearOutput(wait: true); ClearOutput();");
        Assert.Equal(["wait", "now"], session.Publisher.Outputs.Where(o => o.Kind == "clear").Select(o => o.Name));
    }

    [Fact]
    public async Task Results_carry_html_where_the_formatting_package_provides_it()
    {
        using var session = new Session();
        var outcome = await session.RunAsync("new { A = 1, B = \"x\" }");
        var data = outcome.Result!.Data;
        Assert.Contains("<table>", data["text/html"]!.GetValue<string>());
        Assert.Contains("A: 1", data["text/plain"]!.GetValue<string>());
    }
}
