using System.Text;
using System.Text.Json.Nodes;
using NetMQ;

namespace Backprop.Jupyter.Tests;

public sealed class MessageSignerTests
{
    private static readonly byte[] s_header = Encoding.UTF8.GetBytes("""{"msg_id":"1"}""");
    private static readonly byte[] s_empty = Encoding.UTF8.GetBytes("{}");
    private static readonly byte[] s_content = Encoding.UTF8.GetBytes("""{"code":"6*7"}""");

    [Fact]
    public void Signature_is_hex_hmac_sha256_of_the_four_frames()
    {
        // Python: hmac.new(b"secret", header + parent + metadata + content, hashlib.sha256).hexdigest()
        var signature = new MessageSigner("secret").Sign(s_header, s_empty, s_empty, s_content);

        Assert.Equal("ce01e313978911ae3404c097fb2e8a9aef4359bebe243a21cb108be25a750300", signature);
    }

    [Fact]
    public void Verify_accepts_the_signature_in_either_case_and_rejects_any_other()
    {
        var signer = new MessageSigner("secret");
        var good = signer.Sign(s_header, s_empty, s_empty, s_content);

        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(good), s_header, s_empty, s_empty, s_content));
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(good.ToUpperInvariant()), s_header, s_empty, s_empty, s_content));
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(good[..^1] + "1"), s_header, s_empty, s_empty, s_content));
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(good), s_header, s_empty, s_empty, Encoding.UTF8.GetBytes("""{"code":"6*8"}""")));
        Assert.False(signer.Verify([], s_header, s_empty, s_empty, s_content));
    }

    [Fact]
    public void Empty_key_signs_with_an_empty_string_and_accepts_anything()
    {
        var signer = new MessageSigner("");

        Assert.Equal("", signer.Sign(s_header, s_empty, s_empty, s_content));
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes("whatever"), s_header, s_empty, s_empty, s_content));
    }

    [Fact]
    public void Wire_format_keeps_identities_before_the_delimiter_and_round_trips()
    {
        var wire = new WireFormat(new MessageSigner("k"));
        var message = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "<b>é</b>" }, null, "s", [[1, 2, 3]]);

        var frames = wire.Encode(message);
        Assert.True(wire.TryDecode(frames, out var decoded, out var problem), problem);

        Assert.Equal(new byte[] { 1, 2, 3 }, frames[0].ToByteArray());
        Assert.Equal("<IDS|MSG>", frames[1].ConvertToString());
        Assert.Equal(64, frames[2].ConvertToString().Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, decoded!.Identities[0]);
        Assert.Equal("<b>é</b>", decoded.Content["code"]!.GetValue<string>());
        Assert.Equal("execute_request", decoded.MsgType);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", decoded.Header["date"]!.GetValue<string>());
        Assert.Equal("5.3", decoded.Header["version"]!.GetValue<string>());
    }

    [Fact]
    public void Frames_without_a_delimiter_are_rejected()
    {
        var wire = new WireFormat(new MessageSigner("k"));
        var frames = new NetMQMessage();
        frames.Append("just one frame");

        Assert.False(wire.TryDecode(frames, out _, out var problem));
        Assert.Contains("delimiter", problem, StringComparison.Ordinal);
    }
}
