using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Occi.Server.Auth.Keystone;

namespace Occi.Server.Auth.Identity;

/// <summary>
/// What a token of the built-in Keystone says: who, the tenant the mapping gave them (their one project), their
/// roles, whether it is scoped to that project (only a scoped token opens the OCCI interface) and when it ends.
/// </summary>
internal sealed record IdentityGrant(string Name, string Tenant, IReadOnlyList<string> Roles, bool Scoped, DateTimeOffset ExpiresAt);

/// <summary>
/// The built-in Keystone's tokens: <c>occi-id.&lt;payload&gt;.&lt;mac&gt;</c>, the payload base64url JSON and the mac
/// HMAC-SHA256 over the text before it, keyed by Occi:Auth:Keystone:BuiltInKey (or a key made at start, so tokens do
/// not outlive the process). Checked here, without a remote call; they last BuiltInTokenMinutes.
/// </summary>
internal sealed class IdentityTokens
{
    public const string Prefix = "occi-id.";
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public IdentityTokens(IOptions<KeystoneAuthOptions> options, TimeProvider time)
    {
        _key = options.Value.BuiltInKey.Length > 0 ? Convert.FromBase64String(options.Value.BuiltInKey) : RandomNumberGenerator.GetBytes(32);
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.BuiltInTokenMinutes);
    }

    public static bool IsOne(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A new token for the grant, ending after the configured lifetime or with the token it came from.</summary>
    public (string Token, IdentityGrant Grant) Issue(string name, string tenant, IReadOnlyList<string> roles, bool scoped, DateTimeOffset? notAfter = null)
    {
        var expires = _time.GetUtcNow() + _lifetime;
        if (notAfter is { } limit && limit < expires) expires = limit;
        // Whole seconds, as the payload carries them.
        var grant = new IdentityGrant(name, tenant, roles, scoped, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
        var payload = Prefix + Base64Url.EncodeToString(Payload(grant));
        return (payload + "." + Base64Url.EncodeToString(Mac(payload)), grant);
    }

    /// <summary>The grant of a valid token, or null with the reason.</summary>
    public IdentityGrant? Read(string token, out string? problem)
    {
        problem = "the token is not one this server's Keystone issued";
        var dot = token.LastIndexOf('.');
        if (!IsOne(token) || dot <= Prefix.Length) return null;
        byte[] mac, payload;
        try
        {
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            payload = Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length, dot - Prefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(token[..dot]))) return null;
        IdentityGrant grant;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            grant = new IdentityGrant(
                root.GetProperty("sub").GetString()!, root.GetProperty("tenant").GetString()!,
                root.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray(),
                root.GetProperty("scoped").GetBoolean(), DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
        if (_time.GetUtcNow() >= grant.ExpiresAt)
        {
            problem = "the token has expired";
            return null;
        }
        problem = null;
        return grant;
    }

    private byte[] Mac(string signed) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(signed));

    private static byte[] Payload(IdentityGrant grant)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sub", grant.Name);
            json.WriteString("tenant", grant.Tenant);
            json.WriteStartArray("roles");
            foreach (var role in grant.Roles) json.WriteStringValue(role);
            json.WriteEndArray();
            json.WriteBoolean("scoped", grant.Scoped);
            json.WriteNumber("exp", grant.ExpiresAt.ToUnixTimeSeconds());
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
