using System.Security.Cryptography;
using System.Text;

namespace Occi.Server.Auth.Basic;

/// <summary>
/// The users file's password hashes: PBKDF2-HMAC-SHA256, written <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>
/// (base64; no colon, so it sits in a colon-separated line). Slow on purpose: check the result once per
/// credentials, not per request (<see cref="BasicUsers"/> remembers a verified password).
/// </summary>
internal static class PasswordHash
{
    public const string Prefix = "pbkdf2-sha256";
    public const int Iterations = 600_000;
    private const int SaltBytes = 16, HashBytes = 32;

    public static string Create(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Prefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Reads an encoded hash; false (with the reason) when it is not one this server writes.</summary>
    public static bool TryParse(string encoded, out Parsed parsed, out string? error)
    {
        parsed = default;
        error = null;
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Prefix) { error = $"a hash must look like {Prefix}$<iterations>$<salt>$<hash>"; return false; }
        if (!int.TryParse(parts[1], out var iterations) || iterations < 1) { error = "the iteration count is not a positive number"; return false; }
        try
        {
            parsed = new Parsed(iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            error = "the salt or hash is not base64";
            return false;
        }
        if (parsed.Hash.Length == 0) { error = "the hash is empty"; return false; }
        return true;
    }

    public static bool Verify(string password, in Parsed hash) => Verify(Encoding.UTF8.GetBytes(password), hash);

    public static bool Verify(ReadOnlySpan<byte> password, in Parsed hash)
    {
        var computed = Rfc2898DeriveBytes.Pbkdf2(password, hash.Salt, hash.Iterations, HashAlgorithmName.SHA256, hash.Hash.Length);
        return CryptographicOperations.FixedTimeEquals(computed, hash.Hash);
    }

    internal readonly record struct Parsed(int Iterations, byte[] Salt, byte[] Hash);
}
