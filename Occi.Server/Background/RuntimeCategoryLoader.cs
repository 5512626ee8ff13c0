using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.RuntimeKinds;

namespace Occi.Server.Background;

/// <summary>
/// At start-up, after <see cref="ModelLoader"/> put the backend's categories and the user mixins in the registry, adds
/// the kinds and actions operators defined on the query interface (issue 19) and the providers of those kinds, as the
/// store keeps them. Hosted services start before Kestrel accepts requests, so no request sees a runtime kind missing.
/// One that no longer fits the model (its parent gone, its location taken by a backend's mixin) is logged and left
/// out; its document stays in the store.
/// </summary>
internal sealed class RuntimeCategoryLoader(ICategoryStore categories, CategoryRegistry registry, ProviderAssignments assignments,
    ILogger<RuntimeCategoryLoader> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await categories.ListRuntimeCategoriesAsync(cancellationToken);
        if (stored.Count == 0) return;
        var model = registry.Current;
        var resolved = RuntimeDefinitions.Resolve(stored.Select(s => s.Definition), model,
            (c, e) => log.LogError("Stored {Class} {Category} is not loaded: {Reason}", c.ClassName, c.Id, e.Message));
        var loaded = new List<Category>();
        foreach (var c in resolved)
        {
            if (model.Find(c.Id) is { } clash)
            {
                log.LogError("Stored {Class} {Category} is not loaded: the model already has a {Existing} of that identity", c.ClassName, c.Id, clash.ClassName);
                continue;
            }
            if (CategorySnapshot.LocationOf(c) is { } location && model.FindByLocation(location) is { } holder)
            {
                log.LogError("Stored kind {Category} is not loaded: its location {Location} is {Holder}'s", c.Id, location, holder.Id);
                continue;
            }
            loaded.Add(c);
        }
        try
        {
            registry.Add([.. loaded]);
        }
        catch (OcciException e)
        {
            log.LogError("The stored runtime kinds and actions are not loaded: {Reason}", e.Message);
            return;
        }
        foreach (var s in stored.Where(s => s.Definition is Kind && loaded.Any(l => l.Id == s.Id)))
        {
            try { assignments.Set(s.Id, s.Providers); }
            catch (ArgumentException e)
            {
                // Its provider left the configuration: its entities stay where they are, new ones are the store's alone.
                log.LogError("Stored kind {Category} names a provider that is not configured ({Reason}); its new entities are kept by the store alone", s.Id, e.Message);
                assignments.Set(s.Id, ProviderAssignment.None);
            }
        }
        log.LogInformation("Runtime categories loaded: {Kinds} kinds, {Actions} actions", loaded.OfType<Kind>().Count(), loaded.OfType<OcciAction>().Count());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
