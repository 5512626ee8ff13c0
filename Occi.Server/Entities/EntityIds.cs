namespace Occi.Server.Entities;

/// <summary>
/// Which occi.core.id values a client may choose: one URL path segment of unreserved characters
/// (RFC 3986 §2.3), so the id can end the entity's location unescaped. rOCCI sends UUIDs.
/// </summary>
internal static class EntityIds
{
    public static bool IsValid(string id)
    {
        if (id.Length is 0 or > 128 || id is "." or "..") return false;
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')) return false;
        return true;
    }

    public static string New() => Guid.NewGuid().ToString();
}
