using System.Text.Json;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Http;
using Occi.Core;

namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// The Cyclades/Compute calls the gateway makes, one method per call of compute-api-guide: servers, their actions
/// and flavors. Differs from the OpenStack backend's NovaClient: no microversion header, no pagination (Cyclades
/// answers the whole list: "Pagination is currently not supported"), its own action bodies and create body.
/// </summary>
internal sealed class CycladesClient(SynnefoHttp http)
{
    public async Task<CycladesServer?> GetServerAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            return (await http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Get, "servers/" + Uri.EscapeDataString(id),
                CycladesJson.Default.ServerEnvelope, null, ct))?.Server;
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// List Servers in detail, deleted ones too; with <paramref name="changesSince"/> only those changed since then
    /// (compute-api-guide, "List Servers": changes-since, an ISO8601 date; 304 when none changed, read as an empty list).
    /// </summary>
    public async Task<IReadOnlyList<CycladesServer>> ListServersAsync(ICredential credential, CancellationToken ct, DateTimeOffset? changesSince = null)
    {
        var path = changesSince is { } since
            ? "servers/detail?changes-since=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture))
            : "servers/detail";
        return (await http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Get, path, CycladesJson.Default.ServersEnvelope, null, ct))?.Servers ?? [];
    }

    public async Task<CycladesServer> CreateServerAsync(ICredential credential, NewServer server, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new CreateServerEnvelope(server), CycladesJson.Default.CreateServerEnvelope);
        var created = await http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Post, "servers", CycladesJson.Default.ServerEnvelope, body, ct);
        return created?.Server is { Id.Length: > 0 } made ? made : throw new OcciException(OcciErrorKind.BackendFailure, "Cyclades accepted the server but did not say its id");
    }

    /// <summary>Rename Server: in Cyclades only the name can change, answered 204.</summary>
    public Task RenameServerAsync(ICredential credential, string id, string name, CancellationToken ct) =>
        http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Put, "servers/" + Uri.EscapeDataString(id),
            JsonSerializer.SerializeToUtf8Bytes(new RenameServerEnvelope(new RenameServer(name)), CycladesJson.Default.RenameServerEnvelope), ct);

    /// <summary>Deletes the server (its ports go with it); one already gone is no error.</summary>
    public async Task DeleteServerAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            await http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Delete, "servers/" + Uri.EscapeDataString(id), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    /// <summary>POST /servers/{id}/action with a ready body (<see cref="ServerActions"/>), answered 202.</summary>
    public Task ActAsync(ICredential credential, string id, byte[] action, CancellationToken ct) =>
        http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Post, $"servers/{Uri.EscapeDataString(id)}/action", action, ct);

    /// <summary>List Flavors in detail: sizes and SNF:disk_template (a Cyclades extension to the OpenStack list).</summary>
    public async Task<IReadOnlyList<CycladesFlavor>> ListFlavorsAsync(ICredential credential, CancellationToken ct) =>
        (await http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Get, "flavors/detail", CycladesJson.Default.FlavorsEnvelope, null, ct))?.Flavors ?? [];
}
