using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Occi.Server.Tests.Support;

/// <summary>
/// Signs a request as README's "Signed requests" says, written here from that text rather than from the server's
/// code: x-signature = base64(HMAC-SHA256(key, method "\n" target "\n" Date "\n" hex(SHA-256(body)))).
/// </summary>
public static class SignedRequest
{
    public static string HttpDate(DateTimeOffset when) => when.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    public static string Signature(byte[] key, string method, string target, string date, byte[] body)
    {
        var canonical = $"{method}\n{target}\n{date}\n{Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant()}";
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>A request with x-username, Date and x-signature set over exactly what is sent.</summary>
    public static HttpRequestMessage Create(string user, byte[] key, HttpMethod method, string target, DateTimeOffset date,
        string? body = null, string contentType = "text/plain")
    {
        var request = new HttpRequestMessage(method, target);
        request.Headers.Accept.ParseAdd("text/plain");
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        var dateText = HttpDate(date);
        request.Headers.TryAddWithoutValidation("Date", dateText);
        request.Headers.TryAddWithoutValidation("x-username", user);
        request.Headers.TryAddWithoutValidation("x-signature", Signature(key, method.Method, target, dateText, bytes));
        return request;
    }
}
