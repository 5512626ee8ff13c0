using Occi.Core.Model;

namespace Occi.Core.Documents;

/// <summary>
/// Builds stored user mixins so that one depending on another stored one gets the real object; a depends
/// identity that is not stored (a provider mixin) becomes a placeholder the caller resolves against its
/// registry by identity (see <see cref="EntityDocumentCodec.DecodeMixin"/>).
/// </summary>
public static class UserMixinGraph
{
    public static IReadOnlyList<Mixin> Build(IReadOnlyList<byte[]> documents)
    {
        var byIdentity = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            var probe = EntityDocumentCodec.DecodeMixin(doc);
            byIdentity[probe.Id.Identity] = doc;
        }
        var built = new Dictionary<string, Mixin>(StringComparer.Ordinal);
        var building = new HashSet<string>(StringComparer.Ordinal);

        Mixin? Resolve(CategoryId id)
        {
            if (built.TryGetValue(id.Identity, out var done)) return done;
            if (!byIdentity.TryGetValue(id.Identity, out var doc) || !building.Add(id.Identity)) return null; // not stored, or a cycle
            var mixin = EntityDocumentCodec.DecodeMixin(doc, Resolve);
            building.Remove(id.Identity);
            built[id.Identity] = mixin;
            return mixin;
        }

        return byIdentity.Keys.Select(identity => Resolve(CategoryId.Parse(identity))!).ToArray();
    }
}
