using System.Text;
using System.Text.Json;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.OpenStack.Compute;

/// <summary>
/// The Nova calls the gateway makes, one method per call (nova api-ref), at the pinned microversion: servers,
/// their actions, keypairs and flavors. Nothing here decides anything OCCI: <see cref="ComputeTranslator"/> does.
/// </summary>
internal sealed class NovaClient(OpenStackHttp http, OpenStackOptions options)
{
    private readonly OpenStackService _nova = OpenStackService.Compute(options.NovaMicroversion);

    /// <summary>How many servers one page of a listing asks for.</summary>
    private const int PageSize = 1000;

    public async Task<NovaServer?> GetServerAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            return (await http.SendAsync(credential, _nova, HttpMethod.Get, "servers/" + Uri.EscapeDataString(id), NovaJson.Default.ServerEnvelope, null, ct))?.Server;
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Every server the credential sees (all projects' with <paramref name="allProjects"/>, for an admin), or, with
    /// <paramref name="changesSince"/>, those changed since then, deleted ones included (servers.inc, changes-since).
    /// </summary>
    public async Task<List<NovaServer>> ListServersAsync(ICredential credential, DateTimeOffset? changesSince, bool allProjects, CancellationToken ct)
    {
        var query = new StringBuilder("servers/detail?limit=").Append(PageSize);
        if (allProjects) query.Append("&all_tenants=1");
        if (changesSince is { } since) query.Append("&changes-since=").Append(Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture)));
        var servers = new List<NovaServer>();
        string? marker = null;
        while (true)
        {
            var path = marker is null ? query.ToString() : query + "&marker=" + Uri.EscapeDataString(marker);
            var page = await http.SendAsync(credential, _nova, HttpMethod.Get, path, NovaJson.Default.ServersEnvelope, null, ct);
            if (page is null || page.Servers.Count == 0) return servers;
            servers.AddRange(page.Servers);
            // A full page is followed by a "next" link; the last server's id is the marker of the next page.
            if (page.ServersLinks?.Any(l => l.Rel == "next") != true) return servers;
            marker = page.Servers[^1].Id;
        }
    }

    public async Task<string> CreateServerAsync(ICredential credential, CreateServer server, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new CreateServerEnvelope(server), NovaJson.Default.CreateServerEnvelope);
        var created = await http.SendAsync(credential, _nova, HttpMethod.Post, "servers", NovaJson.Default.CreatedServerEnvelope, body, ct);
        return created?.Server.Id ?? throw new OcciException(OcciErrorKind.BackendFailure, "Nova accepted the server but did not say its id");
    }

    public Task RenameServerAsync(ICredential credential, string id, string name, CancellationToken ct) =>
        http.SendAsync(credential, _nova, HttpMethod.Put, "servers/" + Uri.EscapeDataString(id),
            JsonSerializer.SerializeToUtf8Bytes(new RenameServerEnvelope(new RenameServer(name)), NovaJson.Default.RenameServerEnvelope), ct);

    /// <summary>Deletes the server; one already gone is no error.</summary>
    public async Task DeleteServerAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            await http.SendAsync(credential, _nova, HttpMethod.Delete, "servers/" + Uri.EscapeDataString(id), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    /// <summary>POST /servers/{id}/action with a ready body (<see cref="ServerActions"/>).</summary>
    public Task ActAsync(ICredential credential, string id, byte[] action, CancellationToken ct) =>
        http.SendAsync(credential, _nova, HttpMethod.Post, $"servers/{Uri.EscapeDataString(id)}/action", action, ct);

    /// <summary>createImage: a snapshot of the server in Glance; its image id (answered in the body from 2.45).</summary>
    public async Task<string?> CreateImageAsync(ICredential credential, string id, string name, Dictionary<string, string> metadata, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new CreateImageAction(new CreateImage(name, metadata)), NovaJson.Default.CreateImageAction);
        var created = await http.SendAsync(credential, _nova, HttpMethod.Post, $"servers/{Uri.EscapeDataString(id)}/action", NovaJson.Default.CreatedImage, body, ct);
        return created?.ImageId;
    }

    public Task CreateKeypairAsync(ICredential credential, string name, string publicKey, CancellationToken ct) =>
        http.SendAsync(credential, _nova, HttpMethod.Post, "os-keypairs",
            JsonSerializer.SerializeToUtf8Bytes(new KeypairEnvelope(new NewKeypair(name, publicKey)), NovaJson.Default.KeypairEnvelope), ct);

    /// <summary>Deletes the keypair; one already gone is no error.</summary>
    public async Task DeleteKeypairAsync(ICredential credential, string name, CancellationToken ct)
    {
        try
        {
            await http.SendAsync(credential, _nova, HttpMethod.Delete, "os-keypairs/" + Uri.EscapeDataString(name), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    public async Task<IReadOnlyList<NovaFlavor>> ListFlavorsAsync(ICredential credential, CancellationToken ct) =>
        (await http.SendAsync(credential, _nova, HttpMethod.Get, "flavors/detail", NovaJson.Default.FlavorsEnvelope, null, ct))?.Flavors ?? [];
}
