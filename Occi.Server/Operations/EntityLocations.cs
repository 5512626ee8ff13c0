using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Server.Entities;

namespace Occi.Server.Operations;

/// <summary>
/// Where a client may put an entity (PUT at a path of its choice, GFD.185 §3.4.3), checked before anything is
/// created (README "HTTP semantics the standard leaves open"):
/// - every segment holds only the characters of an id (<see cref="EntityIds"/>: RFC 3986 unreserved), so a
///   location is plain ASCII that needs no escaping in a header or a uri-list, and ";jsessionid=1" or "abcü"
///   make no entity;
/// - the last segment is the entity's id (occi.core.id, when given, must be the same);
/// - paths are case-sensitive (RFC 3986 §6.2.2.1), and the collections are the server's: right below a
///   kind's location only entities of that kind, nothing below a mixin's location or deeper below a kind's,
///   nothing below a path that is a collection's in another case ("/COMPUTE/"), nothing below the query interface.
/// Other paths are the client's own name-space ("/users/alice/vm1"), listed and deleted by their prefix.
/// </summary>
internal static class EntityLocations
{
    public static void CheckPutTarget(string path, Entity given, CategorySnapshot model)
    {
        var slash = path.LastIndexOf('/');
        var id = path[(slash + 1)..];
        var parent = path[..(slash + 1)];
        if (!EntityIds.IsValid(id))
            throw OcciException.BadRequest($"'{Printable(id)}' cannot end an entity's location: an id holds letters, digits, '-', '.', '_' or '~' "
                + "(RFC 3986 unreserved characters, at most 128)");
        CheckSegments(parent);
        if (!string.IsNullOrEmpty(given.Id) && given.Id != id)
            throw OcciException.BadRequest($"occi.core.id '{Printable(given.Id)}' is not the last segment of {path}: the id ends the location");
        if (parent.StartsWith(QueryInterfaceOperations.Location, StringComparison.Ordinal) || parent.StartsWith("/.well-known/", StringComparison.OrdinalIgnoreCase))
            throw OcciException.BadRequest($"{path} lies in the query interface's name-space; entities cannot be put there");

        var kind = given.Kind == default ? null : model.FindKind(given.Kind);
        switch (model.FindByLocation(parent))
        {
            case Kind owner when kind is not null && owner != kind:
                throw OcciException.BadRequest($"{parent} is the collection of kind {owner.Id}; a {kind.Term} is put below {kind.Location ?? "its kind's location"} or a path of your own");
            case Kind:
                return;
            case Mixin owner:
                throw OcciException.BadRequest($"{parent} is the collection of mixin {owner.Id}: entities join it by POST there, and are put below "
                    + "their kind's location or a path of your own");
        }
        foreach (var c in model.Categories)
        {
            if (CategorySnapshot.LocationOf(c) is not { } location || !parent.StartsWith(location, StringComparison.OrdinalIgnoreCase)) continue;
            throw OcciException.BadRequest(parent.StartsWith(location, StringComparison.Ordinal)
                ? $"{path} lies below the collection {location}: its entities are {location}<id>"
                : $"locations are case-sensitive: {parent[..location.Length]} is not {location}, the collection of {c.Id}");
        }
    }

    /// <summary>Every segment of the path holds only an id's characters (a user mixin's location too: it is rendered in headers).</summary>
    public static void CheckSegments(string path)
    {
        foreach (var segment in path.Split('/'))
            if (segment.Length > 0 && !EntityIds.IsValid(segment))
                throw OcciException.BadRequest($"path segment '{Printable(segment)}' of {Printable(path)} holds characters a location cannot: "
                    + "use letters, digits, '-', '.', '_' or '~'");
    }

    /// <summary>
    /// A collection location that <paramref name="path"/> matches only when case is ignored (or lies below so),
    /// for a 404 that says what the client probably meant.
    /// </summary>
    public static string? CaseInsensitiveMatch(string path, CategorySnapshot model, Func<Category, bool>? sees = null)
    {
        foreach (var c in model.Categories)
            if (CategorySnapshot.LocationOf(c) is { } location && path.StartsWith(location, StringComparison.OrdinalIgnoreCase)
                && !path.StartsWith(location, StringComparison.Ordinal) && (sees is null || sees(c)))
                return location;
        return null;
    }

    /// <summary>The text as the client sent it: controls and non-ASCII percent-encoded (UTF-8), so an error message stays ASCII.</summary>
    private static string Printable(string s)
    {
        if (!s.Any(c => c is < ' ' or > '~')) return s;
        var b = new System.Text.StringBuilder(s.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value is >= ' ' and <= '~') { b.Append((char)rune.Value); continue; }
            var n = rune.EncodeToUtf8(utf8);
            foreach (var x in utf8[..n]) b.Append('%').Append(x.ToString("X2"));
        }
        return b.ToString();
    }
}
