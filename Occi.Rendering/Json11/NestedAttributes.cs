using System.Text.Json;

namespace Occi.Rendering.Json11;

/// <summary>
/// OCCI 1.1-era JSON writes attribute names split at their dots, one object per name part:
/// occi.compute.cores = 2 is {"occi":{"compute":{"cores":2}}}. Values and attribute definitions alike.
/// A name that is also the prefix of another ("a.b" and "a.b.c") cannot nest both: the one that does
/// not fit is written under its whole dotted name at the top, which a reader joins back the same way;
/// or, with <c>dropConflicts</c>, left out (definitions: OCCI 1.1 has no attribute below another, and
/// rOCCI 4 would read "occi.core.source.kind" as a part of occi.core.source — GFD.221 added those).
/// </summary>
internal sealed class NestedAttributes<T>(bool dropConflicts = false)
{
    private readonly Node _root = new();
    private List<(string Name, T Value)>? _flat;

    private sealed class Node
    {
        public List<(string Part, Node Child)>? Children;
        public bool HasValue;
        public T Value = default!;

        public Node? Find(ReadOnlySpan<char> part)
        {
            if (Children is null) return null;
            foreach (var (name, child) in Children)
                if (part.SequenceEqual(name)) return child;
            return null;
        }
    }

    public bool IsEmpty => _root.Children is null && _flat is null;

    public void Add(string name, T value)
    {
        var node = _root;
        var rest = name.AsSpan();
        while (true)
        {
            var dot = rest.IndexOf('.');
            var part = dot < 0 ? rest : rest[..dot];
            var child = node.Find(part);
            if (child is null)
            {
                child = new Node();
                (node.Children ??= []).Add((part.ToString(), child));
            }
            if (dot < 0)
            {
                if (child.HasValue || child.Children is not null) Conflict(name, value);
                else { child.HasValue = true; child.Value = value; }
                return;
            }
            if (child.HasValue) { Conflict(name, value); return; }
            node = child;
            rest = rest[(dot + 1)..];
        }
    }

    private void Conflict(string name, T value)
    {
        if (!dropConflicts) (_flat ??= []).Add((name, value));
    }

    /// <summary>Writes the members of the "attributes" object (the caller writes its braces).</summary>
    public void WriteMembers(Utf8JsonWriter w, Action<Utf8JsonWriter, T> writeValue)
    {
        Write(w, _root, writeValue);
        if (_flat is null) return;
        foreach (var (name, value) in _flat)
        {
            w.WritePropertyName(name);
            writeValue(w, value);
        }
    }

    private static void Write(Utf8JsonWriter w, Node node, Action<Utf8JsonWriter, T> writeValue)
    {
        if (node.Children is null) return;
        foreach (var (part, child) in node.Children)
        {
            w.WritePropertyName(part);
            if (child.HasValue) writeValue(w, child.Value);
            else
            {
                w.WriteStartObject();
                Write(w, child, writeValue);
                w.WriteEndObject();
            }
        }
    }
}
