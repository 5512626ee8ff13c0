namespace Occi.Server.Auth.Basic;

/// <summary>Occi:Auth:Basic.</summary>
public sealed class BasicAuthOptions
{
    public const string Section = "Occi:Auth:Basic";

    /// <summary>The users file (user:hash:tenant[:role] lines).</summary>
    public string UsersFile { get; set; } = "";

    /// <summary>The realm a 401 names.</summary>
    public string Realm { get; set; } = "OCCI";
}
