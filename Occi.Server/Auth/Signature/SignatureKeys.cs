namespace Occi.Server.Auth.Signature;

/// <summary>The keys of Occi:Auth:Signature:KeysFile: lines <c>user:base64key:tenant[:role]</c>, as the Basic users file.</summary>
internal sealed class SignatureKeys
{
    /// <summary>Shorter keys are refused: HMAC-SHA256 wants at least 128 bits of key to be worth its name.</summary>
    public const int MinimumKeyBytes = 16;

    private readonly Dictionary<string, SignatureKey> _keys;

    private SignatureKeys(Dictionary<string, SignatureKey> keys) => _keys = keys;

    /// <exception cref="FormatException">Names the file and the line that is wrong.</exception>
    public static SignatureKeys Load(string path) =>
        new(CredentialLines.Read(path, "base64key", (name, encoded, scope) => new SignatureKey(name, Decode(encoded), scope.Tenant, scope.Role)));

    public SignatureKey? Find(string user) => _keys.GetValueOrDefault(user);

    private static byte[] Decode(string encoded)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new FormatException("the key is not base64");
        }
        return key.Length >= MinimumKeyBytes ? key : throw new FormatException($"the key has {key.Length} bytes; at least {MinimumKeyBytes} are needed");
    }
}

internal sealed record SignatureKey(string Name, byte[] Key, string? Tenant, string? Role);
