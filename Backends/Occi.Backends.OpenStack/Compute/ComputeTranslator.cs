using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.OpenStack.Templates;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.OpenStack.Compute;

/// <summary>
/// compute ↔ Nova server. A create answers as soon as Nova accepted the server (state inactive, BUILD); the state then
/// follows on reads, from <see cref="KnownServers"/> while it is fresh, else from Nova. Each operation makes the Nova
/// calls it needs and no more: a create one (two with an ssh key: its keypair, named after the entity, first), an
/// action one, a delete one (with a keypair, two at once).
/// </summary>
internal sealed class ComputeTranslator(NovaClient nova, TemplateCatalog templates, KnownServers known, OpenStackOptions options,
    ILogger<ComputeTranslator> logger) : IKindTranslator
{
    /// <summary>Nova's limit on user_data, in base64 characters (servers.inc, user_data).</summary>
    private const int MaxUserData = 65535;

    public IReadOnlyList<Kind> Kinds { get; } = [ComputeKind.Kind];

    public async Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct) =>
        service is null ? [] : await templates.RefreshAsync(service, ct);

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var image = templates.ImageIdOf(entity)
            ?? throw OcciException.BadRequest($"a compute on OpenStack needs an os_tpl mixin of {options.OsTemplateScheme} (a Glance image; GET /-/ lists them)");
        var userData = Contextualization.UserDataOf(entity);
        if (userData is not null) CheckUserData(userData);
        var flavor = await templates.FlavorForAsync(credential, entity, ct);
        var publicKey = Contextualization.PublicKeyOf(entity);
        var keyName = publicKey is null ? null : KeypairName(entity);
        if (keyName is not null) await CreateKeypairAsync(credential, keyName, publicKey!, ct);
        var metadata = GatewayMetadata.For(options.GatewayTag, entity.Id);
        var name = ServerName(entity);
        string id;
        try
        {
            id = await nova.CreateServerAsync(credential, new CreateServer(name, image, flavor.Id, keyName, userData, metadata, options.DefaultNetworks), ct);
        }
        catch when (keyName is not null)
        {
            await DeleteKeypairQuietlyAsync(credential, keyName);
            throw;
        }
        entity.BackendId = id;
        var token = await credential.TokenAsync(ct);
        // What Nova was asked for, as it will first show it; the follower or the next read brings the rest.
        var building = new NovaServer(id, name, "BUILD", token.ProjectId, null, metadata, default,
            new NovaServerFlavor(flavor.Vcpus, flavor.Ram, flavor.Disk, flavor.Name), null, "scheduling", null, keyName);
        known.Cache.Put(id, building);
        Apply(entity, building, image);
        return entity;
    }

    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (entity.BackendId is not { } id || await known.GetAsync(credential, id, freshness, ct) is not { } server) return false;
        Apply(entity, server, server.ImageId);
        return true;
    }

    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        // The name is the one mutable thing Nova keeps of what OCCI can change; sizes change by a new resource_tpl only.
        if (entity.BackendId is { } id && entity.Title is { Length: > 0 } title)
        {
            var server = known.Cache.TryGetFresh(id, out var fresh) ? fresh : null;
            if (server?.Name != title)
            {
                await nova.RenameServerAsync(credential, id, title, ct);
                known.Cache.Forget(id);
            }
        }
        return entity;
    }

    public Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        // The server and its keypair are apart in Nova (a server keeps its own copy of the key): both go at once, so a
        // compute with an ssh key is deleted in the time of one call, not two.
        var server = entity.BackendId is { } id ? DeleteServerAsync(credential, id, ct) : Task.CompletedTask;
        var keypair = Contextualization.PublicKeyOf(entity) is not null ? nova.DeleteKeypairAsync(credential, KeypairName(entity), ct) : Task.CompletedTask;
        return Task.WhenAll(server, keypair);
    }

    private async Task DeleteServerAsync(ICredential credential, string id, CancellationToken ct)
    {
        await nova.DeleteServerAsync(credential, id, ct);
        known.Cache.Put(id, null);
    }

    public async Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct)
    {
        var id = entity.BackendId ?? throw OcciException.Conflict($"{entity.Location} has no Nova server (yet)");
        var method = action.Attributes.GetString("method");
        if (action.Action == ComputeKind.Start.Id)
        {
            // Nova resumes a suspended server and unpauses a paused one; os-start starts a stopped one.
            var server = await known.GetAsync(credential, id, ReadFreshness.Known, ct);
            var body = server?.Status switch
            {
                "SUSPENDED" => ServerActions.Resume,
                "PAUSED" => ServerActions.Unpause,
                _ => ServerActions.Start,
            };
            await nova.ActAsync(credential, id, body, ct);
        }
        else if (action.Action == ComputeKind.Stop.Id) await nova.ActAsync(credential, id, ServerActions.Stop, ct);
        else if (action.Action == ComputeKind.Restart.Id) await nova.ActAsync(credential, id, method == "cold" ? ServerActions.HardReboot : ServerActions.SoftReboot, ct);
        else if (action.Action == ComputeKind.Suspend.Id) await nova.ActAsync(credential, id, ServerActions.Suspend, ct);
        else if (action.Action == ComputeKind.Save.Id) await SaveAsync(credential, entity, id, action.Attributes.GetString("name"), ct);
        else throw OcciException.BadRequest($"the OpenStack backend does not implement {action.Action} on a compute");
        known.Cache.Forget(id);
        return entity;
    }

    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        var token = await service.TokenAsync(ct);
        var servers = await nova.ListServersAsync(service, null, token.IsAdmin, ct);
        var foreign = 0;
        foreach (var server in servers)
        {
            if (GatewayMetadata.IsOurs(server.Metadata, options.GatewayTag)) yield return server.Id;
            else foreign++;
        }
        if (foreign > 0)
            logger.LogInformation("Nova has {Count} servers not made by this gateway ({Key} is not {Tag}); reconciliation leaves them alone", foreign, GatewayMetadata.GatewayKey, options.GatewayTag);
    }

    /// <summary>GFD.224 save: a snapshot image of the server (createImage), tagged like servers; it is offered as an os_tpl from the next model refresh.</summary>
    private async Task SaveAsync(ICredential credential, Entity entity, string id, string? name, CancellationToken ct)
    {
        var imageName = name is { Length: > 0 } ? name : string.Create(CultureInfo.InvariantCulture, $"{ServerName(entity)}-saved-{known.Cache.Now:yyyyMMddHHmmss}");
        var metadata = GatewayMetadata.For(options.GatewayTag, entity.Id);
        var image = await nova.CreateImageAsync(credential, id, imageName, metadata, ct);
        logger.LogInformation("Saved {Location} as image {Image} ({Name})", entity.Location, image, imageName);
    }

    private async Task CreateKeypairAsync(ICredential credential, string name, string publicKey, CancellationToken ct)
    {
        try
        {
            await nova.CreateKeypairAsync(credential, name, publicKey, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict && !OpenStack.Http.OpenStackFault.IsQuota(e.Message))
        {
            // Left by an earlier attempt at this very entity (the name is its id): replace it with this key.
            await nova.DeleteKeypairAsync(credential, name, ct);
            await nova.CreateKeypairAsync(credential, name, publicKey, ct);
        }
    }

    private async Task DeleteKeypairQuietlyAsync(ICredential credential, string name)
    {
        try
        {
            await nova.DeleteKeypairAsync(credential, name, CancellationToken.None);
        }
        catch (OcciException e)
        {
            logger.LogWarning("The keypair {Name} of a server Nova refused stays behind: {Message}", name, e.Message);
        }
    }

    private void Apply(Entity entity, NovaServer server, string? imageId)
    {
        var (state, message) = ServerState.Of(server);
        entity.Attributes[ComputeKind.State] = state;
        entity.Attributes[ComputeKind.StateMessage] = message;
        if (server.Flavor is { } flavor)
        {
            if (flavor.Vcpus is { } cores) entity.Attributes[ComputeKind.Cores] = cores;
            if (flavor.Ram is { } ram) entity.Attributes[ComputeKind.Memory] = Math.Round(ram / 1024.0, 3);
        }
        if ((server.Hostname ?? server.Name) is { Length: > 0 } hostname) entity.Attributes[ComputeKind.Hostname] = hostname;
        if (templates.ArchitectureOf(imageId) is { } architecture) entity.Attributes[ComputeKind.Architecture] = architecture;
    }

    private static void CheckUserData(string userData)
    {
        if (userData.Length > MaxUserData)
            throw OcciException.BadRequest($"user_data is {userData.Length} base64 characters; Nova takes at most {MaxUserData}");
        var buffer = new byte[userData.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(userData, buffer, out _))
            throw OcciException.BadRequest("user_data must be base64 (GFD.224 §3.6, and Nova's user_data)");
    }

    /// <summary>The keypair of a compute's ssh key: named after the entity, so it is found again to be removed with it.</summary>
    internal static string KeypairName(Entity entity) => "occi-" + entity.Id;

    private static string ServerName(Entity entity) => entity.Title is { Length: > 0 } title ? title : "occi-" + entity.Id;
}
