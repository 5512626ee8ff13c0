using Occi.Core.Backends;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.Storage;

namespace Occi.Server.Hosting;

/// <summary>
/// At start-up, fills the registry with what the backend offers (its kinds, actions and mixins, so the
/// query interface shows exactly what it can do) and the user mixins kept in the store. Hosted
/// services start before Kestrel accepts requests, so no request sees an empty model.
/// </summary>
internal sealed class ModelLoader(ICloudBackend backend, ICategoryStore categories, CategoryRegistry registry, ILogger<ModelLoader> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var capabilities = await backend.DescribeAsync(cancellationToken);
        var offered = capabilities.All.ToList();
        registry.Add(offered.ToArray());
        var model = registry.Current;
        var userMixins = new List<Category>();
        var stored = await categories.ListUserMixinsAsync(cancellationToken);
        foreach (var loaded in stored)
        {
            // A stored mixin's depends may come back as placeholders (scheme and term only): use the model's own.
            var m = new Mixin(loaded.Scheme, loaded.Term, loaded.Title, loaded.Location,
                loaded.Depends.Select(d => model.FindMixin(d.Id) ?? stored.FirstOrDefault(s => s.Id == d.Id) ?? d),
                loaded.Applies, loaded.Attributes, loaded.Actions, isUserDefined: true);
            if (model.Find(m.Id) is not null || (m.Location is not null && model.FindByLocation(m.Location) is not null))
            {
                log.LogWarning("Stored user mixin {Mixin} clashes with a category the {Backend} backend offers; it is not loaded", m.Id, backend.Name);
                continue;
            }
            userMixins.Add(m);
        }
        if (userMixins.Count > 0) registry.Add(userMixins.ToArray());
        log.LogInformation("OCCI model ready: {Kinds} kinds, {Mixins} mixins from the {Backend} backend, {UserMixins} user mixins",
            capabilities.Kinds.Count, capabilities.Mixins.Count, backend.Name, userMixins.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
