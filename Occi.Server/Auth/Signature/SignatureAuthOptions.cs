namespace Occi.Server.Auth.Signature;

/// <summary>Occi:Auth:Signature: signed requests (x-username, x-signature).</summary>
public sealed class SignatureAuthOptions
{
    public const string Section = "Occi:Auth:Signature";

    /// <summary>The keys file (user:base64key:tenant[:role] lines).</summary>
    public string KeysFile { get; set; } = "";

    /// <summary>How far a request's Date may be from the server's clock, either way; a signature is refused again within it.</summary>
    public int WindowSeconds { get; set; } = 300;

    /// <summary>Most signatures remembered against replay at once; past it new signed requests are refused until entries expire.</summary>
    public int ReplayCacheEntries { get; set; } = 100_000;
}
