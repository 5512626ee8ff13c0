using System.Security.Cryptography;
using System.Text;

namespace Occi.Server.Auth.Signature;

/// <summary>
/// What a signed request's x-signature covers (README, "Signed requests"): the method, the request target as sent
/// (path and query), the Date header and the lowercase hex SHA-256 of the body, joined by "\n" with none after
/// the last; x-signature is the base64 HMAC-SHA256 of its UTF-8 bytes under the user's key.
/// </summary>
internal static class CanonicalRequest
{
    public static string Of(string method, string target, string date, ReadOnlySpan<byte> bodySha256) =>
        $"{method}\n{target}\n{date}\n{Convert.ToHexStringLower(bodySha256)}";

    public static byte[] Sign(byte[] key, string canonical) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical));
}
