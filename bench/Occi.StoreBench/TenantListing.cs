using Occi.Core.StoreContracts;
using Compute = Occi.Infrastructure.Kinds.Compute;

/// <summary>
/// Issue 14: <c>--tenants N</c> spreads the stored computes over N tenants (document i is tenant-(i mod N)'s) and
/// times one tenant's kind listing, the query every GET /compute/ of a tenant makes (owner + kind), which the
/// embedded store answers from its (owner, kind) index as it answers a one-tenant listing from the kind index.
/// </summary>
internal static class TenantListing
{
    /// <summary>The tenant count of <c>--tenants N</c>; 1 (everything "default"'s) without it.</summary>
    public static int Count(string[] args)
    {
        var at = Array.IndexOf(args, "--tenants");
        return at >= 0 && at + 1 < args.Length ? Math.Max(1, int.Parse(args[at + 1])) : 1;
    }

    public static string OwnerOf(int document, int tenants) => tenants == 1 ? "default" : "tenant-" + document % tenants;

    public static async Task MeasureAsync(IEntityStore store, int tenants, int documents, Func<string, int, Func<Task<int>>, Task> measure)
    {
        if (tenants == 1) return;
        var random = new Random(14);
        var owner = OwnerOf(0, tenants);
        var members = (documents + tenants - 1) / tenants;
        await measure($"one of {tenants} tenants' kind, page of 100", 200, async () =>
            (await store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = owner, Skip = random.Next(Math.Max(1, members - 100)), Take = 100 }, CancellationToken.None)).Count);
        await measure($"one of {tenants} tenants' kind, its locations", 20, async () =>
            (await store.QueryLocationsAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = owner }, CancellationToken.None)).Count);
    }
}
