using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Occi.Backends.OpenStack;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Templates;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// compute ↔ Cyclades server. A create answers as soon as Cyclades accepted the server (state inactive, BUILD); a read
/// answers from the servers' read cache (the OpenStack backend's <see cref="KnownObjects{T}"/>, kept fresh by
/// <see cref="CycladesChanges"/>) while what it holds is at most Occi:Synnefo:StalenessSeconds old, else asks Cyclades
/// (always with StalenessSeconds 0); a create, rename or action forgets the server, so the next read asks. Each
/// operation makes one Cyclades call: the ssh key and user data travel in the create itself (<see cref="Personality"/>), so nothing else is made or
/// removed with a server. The server carries the gateway's mark (occi_gateway, occi_id) in its metadata; the rest of its
/// metadata shows as read-only attributes (<see cref="ServerMetadata"/>).
/// </summary>
internal sealed class ComputeTranslator(CycladesClient cyclades, SynnefoTemplates templates, KnownObjects<CycladesServer> known, SynnefoOptions options,
    ILogger<ComputeTranslator> logger)
    : ISynnefoTranslator
{
    public IReadOnlyList<Kind> Kinds { get; } = [ComputeKind.Kind];

    public async Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct) =>
        service is null ? [ServerMetadata.Mixin] : [ServerMetadata.Mixin, .. await templates.RefreshAsync(service, ct)];

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var image = templates.ImageIdOf(entity)
            ?? throw OcciException.BadRequest($"a compute on Synnefo needs an os_tpl mixin of {options.OsTemplateScheme} (a Plankton image; GET /-/ lists them)");
        var userData = Personality.UserDataOf(entity);
        var files = Personality.FilesOf(entity);
        var flavor = await templates.FlavorForAsync(credential, entity, ct);
        var request = new NewServer(ServerName(entity), image, flavor.Id, GatewayMetadata.For(options.GatewayTag, entity.Id), userData, files);
        CycladesServer created;
        try
        {
            created = await cyclades.CreateServerAsync(credential, request, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            // compute-api-guide, "Create Server": 404 is "Image or Flavor not found", the client's choice, not a missing collection.
            throw OcciException.BadRequest($"{e.Message} (os_tpl {image}, resource_tpl {flavor.Name ?? flavor.Id})");
        }
        entity.BackendId = created.Id;
        known.Forget(created.Id);
        // What Cyclades answered (BUILD); the next read brings the rest.
        Apply(entity, created with { Flavor = created.Flavor ?? new CycladesRef(flavor.Id), Status = created.Status ?? "BUILD" }, flavor);
        return entity;
    }

    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (entity.BackendId is not { } id) return false;
        var server = await known.ReadAsync(id, options.StalenessSeconds > 0 ? freshness : ReadFreshness.Live, (cyclades, credential),
            static (s, id, c) => s.cyclades.GetServerAsync(s.credential, id, c), ct);
        if (server is null) return false;
        Apply(entity, server, templates.FlavorById(server.Flavor?.Id));
        return true;
    }

    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        // The name is the one thing of a server Cyclades lets change (compute-api-guide, "Rename Server").
        if (entity.BackendId is { } id && entity.Title is { Length: > 0 } title)
        {
            await cyclades.RenameServerAsync(credential, id, title, ct);
            known.Forget(id);
        }
        return entity;
    }

    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (entity.BackendId is not { } id) return;
        await cyclades.DeleteServerAsync(credential, id, ct);
        known.Put(id, null);
    }

    public async Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct)
    {
        var id = entity.BackendId ?? throw OcciException.Conflict($"{entity.Location} has no Cyclades server (yet)");
        var body = action.Action == ComputeKind.Start.Id ? ServerActions.Start
            : action.Action == ComputeKind.Stop.Id ? ServerActions.Shutdown
            : action.Action == ComputeKind.Restart.Id ? action.Attributes.GetString("method") == "cold" ? ServerActions.HardReboot : ServerActions.SoftReboot
            // Cyclades has no suspend and no createImage (compute-api-guide, "Server Actions"): GFD.184's suspend and save are refused.
            : throw OcciException.BadRequest($"Synnefo's Cyclades has no server action for {action.Action}: start, stop and restart are offered");
        await cyclades.ActAsync(credential, id, body, ct);
        known.Forget(id);
        return entity;
    }

    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        var foreign = 0;
        foreach (var server in await cyclades.ListServersAsync(service, ct))
        {
            if (ServerStatus.IsGone(server)) continue;
            if (GatewayMetadata.IsOurs(server.Metadata, options.GatewayTag)) yield return server.Id;
            else foreign++;
        }
        if (foreign > 0)
            logger.LogInformation("Cyclades has {Count} servers not made by this gateway ({Key} is not {Tag}); reconciliation leaves them alone", foreign, GatewayMetadata.GatewayKey, options.GatewayTag);
    }

    private static void Apply(Entity entity, CycladesServer server, CycladesFlavor? flavor)
    {
        var (state, message) = ServerStatus.Of(server);
        entity.Attributes[ComputeKind.State] = state;
        entity.Attributes[ComputeKind.StateMessage] = message;
        if (flavor is not null)
        {
            entity.Attributes[ComputeKind.Cores] = flavor.Vcpus;
            entity.Attributes[ComputeKind.Memory] = Math.Round(flavor.Ram / 1024.0, 3);
        }
        if ((server.Fqdn ?? server.Name) is { Length: > 0 } hostname) entity.Attributes[ComputeKind.Hostname] = hostname;
        ServerMetadata.Apply(entity, server.Metadata);
    }

    private static string ServerName(Entity entity) => entity.Title is { Length: > 0 } title ? title : "occi-" + entity.Id;
}
