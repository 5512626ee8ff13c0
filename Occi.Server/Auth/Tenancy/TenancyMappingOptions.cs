namespace Occi.Server.Auth.Tenancy;

/// <summary>Occi:Tenancy:MappingFile: which tenant, and which role, an authenticated identity acts in.</summary>
public sealed class TenancyMappingOptions
{
    public const string Section = "Occi:Tenancy";

    /// <summary>The mapping file (JSON, README "Tenancy mapping"); empty: every identity acts in the tenant its credentials name.</summary>
    public string MappingFile { get; set; } = "";
}
