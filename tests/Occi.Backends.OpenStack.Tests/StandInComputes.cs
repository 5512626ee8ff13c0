using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// Real Nova servers behind /compute/ for the link tests while this branch has no compute translator of the backend's
/// own (Compute/ComputeTranslator lands from another branch): the tiny image and m1.tiny, no network, made and
/// deleted in Nova with demo's token. <see cref="AddUnlessTheBackendHasOne"/> registers it only then, so once the
/// backend serves compute itself the link tests run against that.
/// </summary>
internal sealed class StandInComputes : IKindTranslator
{
    public const string OsTplScheme = "http://schemas.openstack.org/template/os#";
    public const string ResourceTplScheme = "http://schemas.openstack.org/template/resource#";

    private readonly VolNetCloud _demo;
    private readonly string _image;

    private StandInComputes(VolNetCloud demo, string image)
    {
        _demo = demo;
        _image = image;
    }

    public static void AddUnlessTheBackendHasOne(IServiceCollection services, VolNetCloud demo, string imageId)
    {
        if (services.Any(d => d.ServiceType == typeof(IKindTranslator) && d.ImplementationType?.Namespace == "Occi.Backends.OpenStack.Compute")) return;
        services.AddSingleton<IKindTranslator>(new StandInComputes(demo, imageId));
    }

    public IReadOnlyList<Kind> Kinds => [Compute.Kind];

    /// <summary>The templates the backend's own translator offers for the tiny image and m1.tiny, with the same identities.</summary>
    public Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct) => Task.FromResult<IReadOnlyList<Mixin>>(
    [
        new Mixin(OsTplScheme, _image, "tiny", $"/mixin/os_tpl/{_image}/", depends: [Templates.OsTpl], applies: [Compute.Kind.Id]),
        new Mixin(ResourceTplScheme, OpenStackCloud.TinyFlavorId, "m1.tiny", "/mixin/resource_tpl/1/", depends: [Templates.ResourceTpl], applies: [Compute.Kind.Id]),
    ]);

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var server = await _demo.SendAsync(HttpMethod.Post, VolNetCloud.Nova("servers"), new JsonObject
        {
            ["server"] = new JsonObject { ["name"] = "occi-" + entity.Id, ["imageRef"] = _image, ["flavorRef"] = OpenStackCloud.TinyFlavorId, ["networks"] = "none" },
        });
        entity.BackendId = server["server"]!["id"]!.GetValue<string>();
        entity.Attributes[Compute.State] = "inactive";
        return entity;
    }

    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (await _demo.GetAsync(VolNetCloud.Nova("servers/" + entity.BackendId)) is not { } found) return false;
        entity.Attributes[Compute.State] = found["server"]!["status"]!.GetValue<string>() switch { "ACTIVE" => "active", "ERROR" => "error", _ => "inactive" };
        return true;
    }

    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        await RefreshAsync(credential, entity, ReadFreshness.Live, ct);
        return entity;
    }

    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (entity.BackendId is { } id) await _demo.SendAsync(HttpMethod.Delete, VolNetCloud.Nova("servers/" + id));
    }

    public Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct) =>
        throw OcciException.BadRequest("the stand-in computes of the link tests take no actions");

    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        yield break;
    }
}
