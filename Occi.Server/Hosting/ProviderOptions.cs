namespace Occi.Server;

/// <summary>One provider of <c>Occi:Providers:&lt;name&gt;</c>: which backend serves it and what it is routed.</summary>
public sealed class ProviderOptions
{
    /// <summary>Local, Libvirt, OpenStack, …: the backend project Occi.Backends.{Backend} builds this provider.</summary>
    public string Backend { get; set; } = "";

    /// <summary>
    /// The kinds created here when the client names no region: category identities
    /// (<c>http://schemas.ogf.org/occi/infrastructure#storage</c>), or a bare GFD.184 term (<c>storage</c>). A kind
    /// may be claimed by one provider only; a kind nobody claims goes to the default provider, or the first (by name)
    /// that offers it.
    /// </summary>
    public string[] Kinds { get; set; } = [];

    /// <summary>The provider of kinds no provider claims (at most one provider says so).</summary>
    public bool Default { get; set; }

    /// <summary>
    /// This provider can link its resources to another provider's (a network it routes, say): a link whose source
    /// is here may have its target elsewhere. Otherwise such a link is refused with 409.
    /// </summary>
    public bool BridgesProviders { get; set; }

    /// <summary>The provider's own data folder (a Local simulator's journal); empty: <c>{Occi:DataPath}/providers/{name}</c>.</summary>
    public string DataPath { get; set; } = "";
}
