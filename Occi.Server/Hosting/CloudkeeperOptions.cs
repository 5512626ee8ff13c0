namespace Occi.Server;

/// <summary>
/// Occi:Cloudkeeper (issue 16): the gateway as a cloudkeeper backend. The cloudkeeper core pushes the appliances of
/// its VOs' image lists over gRPC to <see cref="Port"/> (TLS, the core's host certificate checked against
/// <see cref="ClientCaPath"/> and <see cref="AllowedClientDns"/>); each becomes an os_tpl mixin.
/// </summary>
public sealed class CloudkeeperOptions
{
    public const string Section = "Occi:Cloudkeeper";

    /// <summary>Off by default: a site turns it on once it runs a cloudkeeper core.</summary>
    public bool Enabled { get; set; }

    /// <summary>The gRPC port, on every address of the host (the core's <c>backend-endpoint</c>); 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 50051;

    /// <summary>The gateway's certificate for the gRPC port (PEM).</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>Its private key (PEM, unencrypted).</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>The CA certificates (PEM bundle) a client certificate must chain to (the IGTF CA of the core's host certificate).</summary>
    public string ClientCaPath { get; set; } = "";

    /// <summary>Comma list of the client certificate subjects allowed to call, in OpenSSL's slash form (/DC=org/.../CN=host).</summary>
    public string AllowedClientDns { get; set; } = "";

    /// <summary>Where images are staged and verified before they are registered; empty: &lt;Occi:DataPath&gt;/cloudkeeper-staging.</summary>
    public string StagingFolder { get; set; } = "";

    /// <summary>The bound on fetching one REMOTE image, from the request to the last byte.</summary>
    public int RemoteTimeoutSeconds { get; set; } = 600;

    /// <summary>How often images kept because a compute used them are asked to be removed again.</summary>
    public int ReconcileSeconds { get; set; } = 300;

    /// <summary>The subjects of <see cref="AllowedClientDns"/>, trimmed.</summary>
    public IReadOnlyList<string> AllowedDns() =>
        AllowedClientDns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What is wrong with the values, each naming its key; empty when they are usable (or the service is off).</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled) yield break;
        if (Port is < 0 or > 65535) yield return $"{Section}:Port must be a TCP port (0-65535), not {Port}";
        foreach (var (key, path) in new[] { ("CertificatePath", CertificatePath), ("KeyPath", KeyPath), ("ClientCaPath", ClientCaPath) })
            if (string.IsNullOrWhiteSpace(path)) yield return $"{Section}:{key} is required when {Section}:Enabled is true";
            else if (!File.Exists(path)) yield return $"{Section}:{key}: no file {path}";
        if (AllowedDns().Count == 0) yield return $"{Section}:AllowedClientDns must name at least one client certificate subject when {Section}:Enabled is true";
        if (RemoteTimeoutSeconds < 1) yield return $"{Section}:RemoteTimeoutSeconds must be at least 1, not {RemoteTimeoutSeconds}";
        if (ReconcileSeconds < 1) yield return $"{Section}:ReconcileSeconds must be at least 1, not {ReconcileSeconds}";
    }
}
