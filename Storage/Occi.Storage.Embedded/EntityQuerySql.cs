using System.Text;
using Microsoft.Data.Sqlite;
using Occi.Core.Attributes;
using Occi.Core.Storage;

namespace Occi.Storage.Embedded;

/// <summary>Turns an <see cref="EntityQuery"/> into a WHERE clause over <c>entities e</c>, with its parameters.</summary>
internal static class EntityQuerySql
{
    public static string Where(EntityQuery query, SqliteParameterCollection parameters)
    {
        var where = new StringBuilder("1 = 1");
        if (query.Kinds is { } kinds)
        {
            if (kinds.Count == 0) return "0 = 1"; // no kind can match an empty list
            where.Append(" AND e.kind IN (");
            for (var i = 0; i < kinds.Count; i++)
            {
                if (i > 0) where.Append(", ");
                where.Append("$kind").Append(i);
                parameters.AddWithValue("$kind" + i, kinds[i].Identity);
            }
            where.Append(')');
        }
        if (query.Mixin is { } mixin)
        {
            where.Append(" AND e.location IN (SELECT m.location FROM entity_mixins m WHERE m.mixin = $mixin)"); // answered from entity_mixins_by_mixin
            parameters.AddWithValue("$mixin", mixin.Identity);
        }
        if (query.LocationPrefix is { Length: > 0 } prefix)
        {
            where.Append(" AND e.location GLOB $prefix");
            parameters.AddWithValue("$prefix", GlobPrefix(prefix));
        }
        if (query.Owner is not null)
        {
            where.Append(" AND e.owner = $owner");
            parameters.AddWithValue("$owner", query.Owner);
        }
        if (query.LinkSource is not null)
        {
            where.Append(" AND e.link_source = $source");
            parameters.AddWithValue("$source", query.LinkSource);
        }
        if (query.LinkTarget is not null)
        {
            where.Append(" AND e.link_target = $target");
            parameters.AddWithValue("$target", query.LinkTarget);
        }
        if (query.Attributes is { } attributes)
        {
            for (var i = 0; i < attributes.Count; i++)
            {
                var (name, value) = attributes[i];
                // Names outside the attribute grammar cannot be stored, so they match nothing (and never reach a JSON path).
                if (!AttributeName.IsValid(name)) return "0 = 1";
                // A string attribute is its own text form; other kinds keep theirs in the document's "text" map.
                where.Append($" AND COALESCE(json_extract(e.doc, $tpath{i}), json_extract(e.doc, $apath{i})) = $aval{i}");
                parameters.AddWithValue("$tpath" + i, "$.text.\"" + name + "\"");
                parameters.AddWithValue("$apath" + i, "$.attributes.\"" + name + "\"");
                parameters.AddWithValue("$aval" + i, value.ToString());
            }
        }
        return where.ToString();
    }

    /// <summary>
    /// A GLOB pattern matching strings that start with <paramref name="prefix"/>: GLOB is case-sensitive
    /// (locations are) and SQLite can answer it from the location index. Its wildcards are escaped by
    /// bracketing them ('*' → "[*]").
    /// </summary>
    public static string GlobPrefix(string prefix)
    {
        var sb = new StringBuilder(prefix.Length + 4);
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[') sb.Append('[').Append(c).Append(']');
            else sb.Append(c);
        }
        return sb.Append('*').ToString();
    }
}
