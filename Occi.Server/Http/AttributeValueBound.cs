using System.Text;
using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Rendering;

namespace Occi.Server.Http;

/// <summary>
/// Occi:Limits:MaxAttributeValueBytes: every attribute value a request carries (its own attributes, its
/// entities', their inline links', an action's) is at most that many UTF-8 bytes, checked once it is parsed
/// and before anything is done, so a stored entity, and every listing that renders it, stays bounded too.
/// </summary>
internal static class AttributeValueBound
{
    public static void Check(OcciRequest request, int max)
    {
        Check(request.Attributes, max);
        foreach (var entity in request.Entities)
        {
            Check(entity.Attributes, max);
            if (entity is Resource resource)
                foreach (var link in resource.Links) Check(link.Attributes, max);
        }
        if (request.Action is { } action) Check(action.Attributes, max);
    }

    private static void Check(AttributeBag attributes, int max)
    {
        foreach (var (name, value) in attributes)
            if (SizeOf(value, max) > max)
                throw OcciException.BadRequest($"the value of attribute {name} is larger than {max} bytes (Occi:Limits:MaxAttributeValueBytes)");
    }

    /// <summary>UTF-8 bytes of the value's strings, keys and numbers; counting stops once past <paramref name="max"/>.</summary>
    private static long SizeOf(AttributeValue value, int max) => value.Kind switch
    {
        AttributeValueKind.String => SizeOf(value.AsString, max),
        AttributeValueKind.Array => Sum(value.AsArray, static (v, m) => SizeOf(v, m), max),
        AttributeValueKind.Object => Sum(value.AsObject, static (m, limit) => SizeOf(m.Key, limit) + SizeOf(m.Value, limit), max),
        _ => 8,
    };

    // UTF-8 takes at least a byte per UTF-16 char: a longer string is too large without counting.
    private static long SizeOf(string text, int max) => text.Length > max ? text.Length : Encoding.UTF8.GetByteCount(text);

    private static long Sum<T>(System.Collections.Immutable.ImmutableArray<T> items, Func<T, int, long> size, int max)
    {
        var total = 0L;
        foreach (var item in items)
            if ((total += size(item, max)) > max) break;
        return total;
    }
}
