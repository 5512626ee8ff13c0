using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;

namespace Occi.Core.Filtering;

/// <summary>
/// Turns a request's Category filter (GFD.185 §3.4.1) into store query conditions, so that the store
/// selects the matches before it pages (a filter applied after paging would empty page 1 while page 2
/// holds the matches). A kind narrows the query's kinds to that kind and its sub-kinds; one mixin
/// becomes the query's mixin. What the query cannot say (a second mixin) is returned for the caller
/// to test before paging.
/// </summary>
public static class CategoryPushdown
{
    public static EntityQuery Narrow(EntityQuery query, IReadOnlyList<CategoryId> categories, CategorySnapshot model, out IReadOnlyList<CategoryId> rest)
    {
        rest = [];
        if (categories.Count == 0) return query; // the common listing: nothing to narrow, nothing to allocate
        List<CategoryId>? left = null;
        foreach (var c in categories.Distinct())
        {
            if (model.FindKind(c) is not null)
            {
                var kinds = model.Kinds.Where(k => k.IsOrInherits(c)).Select(k => k.Id);
                query = query with { Kinds = (query.Kinds is { } given ? given.Intersect(kinds) : kinds).ToArray() };
            }
            else if (query.Mixin is null || query.Mixin == c)
                query = query with { Mixin = c };
            else
                (left ??= []).Add(c);
        }
        if (left is not null) rest = left;
        return query;
    }
}
