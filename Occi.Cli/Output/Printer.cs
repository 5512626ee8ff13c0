using System.Text;
using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Spectre.Console;
using Link = Occi.Core.Model.Link;

namespace Occi.Cli.Output;

/// <summary>
/// Writes what a command found in the --output format: categories (discover, mixin list), locations (list, a
/// mixin's members, what create and link made), one entity (describe, action). Nothing else goes to standard output.
/// </summary>
internal sealed class Printer(TextWriter output, OutputFormat format, IAnsiConsole console)
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public OutputFormat Format => format;

    /// <summary>Categories with their locations absolute (<paramref name="absolute"/>), whichever way the server wrote them.</summary>
    public void Categories(IEnumerable<Category> categories, Func<string, Uri> absolute)
    {
        string? LocationOf(Category c) => CategorySnapshot.LocationOf(c) is { } l ? absolute(l).AbsoluteUri : null;
        var list = categories.ToList();
        switch (format)
        {
            case OutputFormat.Json:
                Json(w =>
                {
                    w.WriteStartArray();
                    foreach (var c in list) CategoryJson(w, c, LocationOf(c));
                    w.WriteEndArray();
                });
                break;
            case OutputFormat.Plain:
                foreach (var c in list) output.WriteLine($"{c.ClassName} {c.Id.Identity} {LocationOf(c)}".TrimEnd());
                break;
            default:
                var table = new Table().AddColumns("Class", "Term", "Scheme", "Location", "Title");
                foreach (var c in list)
                    table.AddRow(Cell(c.ClassName), Cell(c.Term), Cell(c.Scheme), Cell(LocationOf(c)), Cell(c.Title));
                console.Write(table);
                break;
        }
    }

    public void Locations(IEnumerable<Uri> locations)
    {
        var list = locations.Select(l => l.AbsoluteUri).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                Json(w =>
                {
                    w.WriteStartArray();
                    foreach (var l in list) w.WriteStringValue(l);
                    w.WriteEndArray();
                });
                break;
            case OutputFormat.Plain:
                foreach (var l in list) output.WriteLine(l);
                break;
            default:
                var table = new Table().AddColumn("Location");
                foreach (var l in list) table.AddRow(Cell(l));
                console.Write(table);
                break;
        }
    }

    public void Entity(Entity entity, Uri location)
    {
        var rows = new List<(string Field, string Value)> { ("location", location.AbsoluteUri) };
        if (entity.Kind != default) rows.Add(("kind", entity.Kind.Identity));
        rows.AddRange(entity.Mixins.Select(m => ("mixin", m.Identity)));
        if (entity is Link link)
        {
            rows.Add((Link.SourceAttribute, link.Source));
            rows.Add((Link.TargetAttribute, link.Target));
        }
        if (entity.Id.Length > 0) rows.Add((Core.Model.Entity.IdAttribute, entity.Id));
        rows.AddRange(entity.Attributes.Select(a => (a.Key, a.Value.ToString())));
        if (entity is Resource resource) rows.AddRange(resource.Links.Select(l => ("link", $"{l.Location ?? ""} → {l.Target} ({l.Kind.Term})".TrimStart())));
        rows.AddRange(entity.Actions.Select(a => ("action", a.Identity)));
        switch (format)
        {
            case OutputFormat.Json: Json(w => EntityJson(w, entity, location)); break;
            case OutputFormat.Plain:
                foreach (var (field, value) in rows) output.WriteLine($"{field}={value}");
                break;
            default:
                var table = new Table().AddColumns("Field", "Value");
                foreach (var (field, value) in rows) table.AddRow(Cell(field), Cell(value));
                console.Write(table);
                break;
        }
    }

    private static void EntityJson(Utf8JsonWriter w, Entity entity, Uri location)
    {
        w.WriteStartObject();
        w.WriteString("location", location.AbsoluteUri);
        if (entity.Kind != default) w.WriteString("kind", entity.Kind.Identity);
        w.WriteStartArray("mixins");
        foreach (var m in entity.Mixins) w.WriteStringValue(m.Identity);
        w.WriteEndArray();
        w.WriteStartObject("attributes");
        if (entity.Id.Length > 0) w.WriteString(Core.Model.Entity.IdAttribute, entity.Id);
        if (entity is Link link)
        {
            w.WriteString(Link.SourceAttribute, link.Source);
            w.WriteString(Link.TargetAttribute, link.Target);
        }
        foreach (var (name, value) in entity.Attributes)
        {
            w.WritePropertyName(name);
            AttributeJson.Write(w, value);
        }
        w.WriteEndObject();
        w.WriteStartArray("links");
        if (entity is Resource resource)
            foreach (var l in resource.Links)
            {
                w.WriteStartObject();
                if (l.Location is { } at) w.WriteString("location", at);
                w.WriteString("kind", l.Kind.Identity);
                w.WriteString("target", l.Target);
                w.WriteEndObject();
            }
        w.WriteEndArray();
        w.WriteStartArray("actions");
        foreach (var a in entity.Actions) w.WriteStringValue(a.Identity);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void CategoryJson(Utf8JsonWriter w, Category c, string? location)
    {
        w.WriteStartObject();
        w.WriteString("class", c.ClassName);
        w.WriteString("term", c.Term);
        w.WriteString("scheme", c.Scheme);
        if (c.Title is { } title) w.WriteString("title", title);
        if (location is not null) w.WriteString("location", location);
        switch (c)
        {
            case Kind { Parent: { } parent }: w.WriteString("parent", parent.Id.Identity); break;
            case Mixin { Depends.Count: > 0 } m:
                w.WriteStartArray("depends");
                foreach (var d in m.Depends) w.WriteStringValue(d.Id.Identity);
                w.WriteEndArray();
                break;
        }
        w.WriteStartArray("attributes");
        foreach (var a in c.Attributes) w.WriteStringValue(a.Name);
        w.WriteEndArray();
        var actions = c switch { Kind k => k.Actions, Mixin m => m.Actions, _ => [] };
        w.WriteStartArray("actions");
        foreach (var a in actions) w.WriteStringValue(a.Id.Identity);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented)) write(w);
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Text as it is: no Spectre markup read in what a server wrote.</summary>
    private static Text Cell(string? value) => new(value ?? "");
}
