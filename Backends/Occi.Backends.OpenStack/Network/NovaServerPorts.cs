using System.Text.Json;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// Nova's calls on a server's ports and the one metadata item the gateway keeps there (nova api-ref os-interface.inc,
/// server-metadata.inc), with Nova's pinned microversion.
/// </summary>
internal sealed class NovaServerPorts(OpenStackHttp http, OpenStackOptions options)
{
    /// <summary>The server metadata item holding the security groups (ids, comma-separated) the compute's mixins chose.</summary>
    public const string SecurityGroupsKey = "occi-security-groups";

    private readonly OpenStackService _nova = OpenStackService.Compute(options.NovaMicroversion);

    /// <summary>"Create Interface" with a port the gateway made.</summary>
    public Task AttachAsync(ICredential credential, string serverId, string portId, CancellationToken ct) =>
        http.SendAsync(credential, _nova, HttpMethod.Post, Path(serverId),
            JsonSerializer.SerializeToUtf8Bytes(new NewInterfaceEnvelope(new NewInterface(portId)), NovaInterfaceJson.Default.NewInterfaceEnvelope), ct);

    /// <summary>"Detach Interface"; a port (or server) already gone is no failure.</summary>
    public async Task DetachAsync(ICredential credential, string serverId, string portId, CancellationToken ct)
    {
        try
        {
            await http.SendAsync(credential, _nova, HttpMethod.Delete, Path(serverId) + "/" + Uri.EscapeDataString(portId), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    /// <summary>The security group ids the server's metadata holds; null when the compute chose none.</summary>
    public async Task<List<string>?> SecurityGroupsAsync(ICredential credential, string serverId, CancellationToken ct)
    {
        try
        {
            var meta = await http.SendAsync(credential, _nova, HttpMethod.Get, MetaPath(serverId), NovaInterfaceJson.Default.MetaEnvelope, null, ct);
            return meta?.Meta?.GetValueOrDefault(SecurityGroupsKey) is { Length: > 0 } ids ? [.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries)] : null;
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes (or, for none, removes) the security group ids in the server's metadata.</summary>
    public async Task SetSecurityGroupsAsync(ICredential credential, string serverId, IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count > 0)
        {
            var body = new MetaEnvelope(new Dictionary<string, string> { [SecurityGroupsKey] = string.Join(',', ids) });
            await http.SendAsync(credential, _nova, HttpMethod.Put, MetaPath(serverId), JsonSerializer.SerializeToUtf8Bytes(body, NovaInterfaceJson.Default.MetaEnvelope), ct);
            return;
        }
        try
        {
            await http.SendAsync(credential, _nova, HttpMethod.Delete, MetaPath(serverId), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    private static string Path(string serverId) => $"servers/{Uri.EscapeDataString(serverId)}/os-interface";
    private static string MetaPath(string serverId) => $"servers/{Uri.EscapeDataString(serverId)}/metadata/{SecurityGroupsKey}";
}
