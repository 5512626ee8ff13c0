using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Filtering;

/// <summary>
/// GFD.185 §3.4.1: the query interface returns "only the Category instances" the client names in its
/// Category filter. With no filter, every category is returned.
/// </summary>
public static class CategoryFilter
{
    public static IEnumerable<Category> Apply(CategorySnapshot snapshot, IReadOnlyCollection<CategoryId> filter)
    {
        if (filter.Count == 0) return snapshot.Categories;
        return snapshot.Categories.Where(c => filter.Contains(c.Id));
    }
}
