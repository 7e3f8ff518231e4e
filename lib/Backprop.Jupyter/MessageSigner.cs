using System.Security.Cryptography;
using System.Text;

namespace Backprop.Jupyter;

/// <summary>
/// HMAC-SHA256 over the header, parent header, metadata and content frames, as lowercase hex;
/// with an empty key messages are neither signed nor checked.
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;

    /// <summary>Creates a signer for the connection file's key.</summary>
    public MessageSigner(string key)
    {
        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>Whether messages are signed at all (the key is not empty).</summary>
    public bool IsSigning => _key.Length > 0;

    /// <summary>The hex signature of the four frames, or "" without a key.</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsSigning)
        {
            return "";
        }
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="signature"/> matches the frames, compared in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsSigning)
        {
            return true;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(header, parentHeader, metadata, content));
        Span<byte> given = stackalloc byte[signature.Length];
        for (var i = 0; i < signature.Length; i++)
        {
            var c = signature[i];
            given[i] = c is >= (byte)'A' and <= (byte)'F' ? (byte)(c + ('a' - 'A')) : c;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
