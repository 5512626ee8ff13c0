namespace Occi.Core.BackendContracts;

/// <summary>Who is asking: the authenticated identity and the tenant it acts in. Backends may act as that user.</summary>
public sealed record Caller(string Name, string Tenant, IReadOnlyList<string> Roles)
{
    /// <summary>The caller when authentication is off (Occi:Auth:Schemes = None).</summary>
    public static readonly Caller Anonymous = new("anonymous", "default", []);

    /// <summary>Credentials a backend may forward (a Keystone token, say); null when none.</summary>
    public string? Token { get; init; }
}
