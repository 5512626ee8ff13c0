using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Text;

/// <summary>
/// The one walk over the model that both text flavours share (GFD.185 §3.4): entities as Category, Link and
/// X-OCCI-Attribute structures; collections as X-OCCI-Location; the query interface as full Category values.
/// Parameters are written in the ABNF's order. Link targets, self and action links are paths below the
/// server root; locations (X-OCCI-Location, a category's location) are absolute, as the GFD.185 examples show.
/// Punctuation and parameter names go out as whole ASCII literals ("; scheme=\""): fewer, unchecked writes.
/// </summary>
internal static class TextModelWalk
{
    private const string InlineSourceOpening = "; " + Link.SourceAttribute + "=\"";
    private const string InlineTargetOpening = "; " + Link.TargetAttribute + "=\"";

    public static void Entity(Entity entity, RenderContext context, TextFieldWriter w)
    {
        if (entity.Kind != default) CategoryReference(entity.Kind, "kind", context, w);
        foreach (var mixin in entity.Mixins) CategoryReference(mixin, "mixin", context, w);

        if (entity is Resource resource)
            foreach (var link in resource.Links) InlineLink(link, entity.Location, context, w);
        if (entity.Location is { } location)
            foreach (var action in entity.Actions) ActionLink(location, action, context, w);

        if (entity.Id.Length > 0) Attribute(Core.Model.Entity.IdAttribute, AttributeValue.String(entity.Id), w);
        var asLink = entity as Link;
        if (asLink is not null)
        {
            Attribute(Link.SourceAttribute, AttributeValue.String(asLink.Source), w);
            Attribute(Link.TargetAttribute, AttributeValue.String(asLink.Target), w);
            if (asLink.SourceKind is { } sk) Attribute(Link.SourceKindAttribute, AttributeValue.String(sk.Identity), w);
            if (asLink.TargetKind is { } tk) Attribute(Link.TargetKindAttribute, AttributeValue.String(tk.Identity), w);
        }
        foreach (var (name, value) in entity.Attributes)
        {
            if (name == Core.Model.Entity.IdAttribute) continue;
            if (asLink is not null && IsLinkProperty(name, asLink)) continue;
            Attribute(name, value, w);
        }
    }

    private static bool IsLinkProperty(string name, Link link) =>
        name is Link.SourceAttribute or Link.TargetAttribute
        || (name == Link.SourceKindAttribute && link.SourceKind is not null)
        || (name == Link.TargetKindAttribute && link.TargetKind is not null);

    public static void Locations(IReadOnlyList<string> locations, RenderContext context, TextFieldWriter w)
    {
        for (var i = 0; i < locations.Count; i++) Location(locations[i], context, w);
    }

    /// <summary>The locations of those entities that have one.</summary>
    public static void Locations(IReadOnlyList<Entity> entities, RenderContext context, TextFieldWriter w)
    {
        for (var i = 0; i < entities.Count; i++)
            if (entities[i].Location is { } location) Location(location, context, w);
    }

    public static void Location(string location, RenderContext context, TextFieldWriter w)
    {
        w.Begin(Grammar.FieldGrammar.Location);
        WriteAbsolute(location, context, w);
        w.End();
    }

    /// <summary>GFD.185 §3.4.1 in full: what the query interface shows.</summary>
    public static void Categories(IEnumerable<Category> categories, RenderContext context, TextFieldWriter w)
    {
        foreach (var category in categories)
        {
            w.Begin(Grammar.FieldGrammar.Category);
            TermSchemeClass(category.Id, category.ClassName, w);
            if (category.Title is { } title) Quoted("; title=\"", title, w);
            switch (category)
            {
                case Kind { Parent: { } parent }:
                    Identifier("; rel=\"", parent.Id, w);
                    break;
                case Mixin { Depends.Count: > 0 } m:
                    Identifiers("; rel=\"", m.Depends, w);
                    break;
            }
            if (Core.Registry.CategorySnapshot.LocationOf(category) is { } location) AbsoluteLocation(location, context, w);
            if (category.Attributes.Count > 0)
            {
                w.WriteAscii("; attributes=\"");
                var first = true;
                foreach (var a in category.Attributes)
                {
                    if (!first) w.WriteAscii(" ");
                    first = false;
                    w.Write(a.Name);
                    if (!a.Mutable || a.Required)
                        w.WriteAscii(!a.Mutable && a.Required ? "{immutable required}" : a.Required ? "{required}" : "{immutable}");
                }
                w.WriteAscii("\"");
            }
            var actions = category switch
            {
                Kind k => k.Actions,
                Mixin m => m.Actions,
                _ => [],
            };
            if (actions.Count > 0) Identifiers("; actions=\"", actions, w);
            w.End();
        }
    }

    /// <summary>A category an entity has: term, scheme, class, and the title and location when the model knows them.</summary>
    private static void CategoryReference(CategoryId id, string defaultClass, RenderContext context, TextFieldWriter w)
    {
        var known = context.Model.Find(id);
        w.Begin(Grammar.FieldGrammar.Category);
        TermSchemeClass(id, known?.ClassName ?? defaultClass, w);
        if (known?.Title is { } title) Quoted("; title=\"", title, w);
        if (known is not null && Core.Registry.CategorySnapshot.LocationOf(known) is { } location)
            AbsoluteLocation(location, context, w);
        w.End();
    }

    private static void TermSchemeClass(CategoryId id, string className, TextFieldWriter w)
    {
        w.Write(id.Term);
        Quoted("; scheme=\"", id.Scheme, w);
        Quoted("; class=\"", className, w);
    }

    /// <summary>
    /// GFD.185 §3.4.2: &lt;target&gt;; rel; self; category; link attributes. The attributes include
    /// occi.core.source and occi.core.target, as rOCCI-server renders them: rOCCI shows a link's attributes only.
    /// A link without a source belongs to the resource rendered (<paramref name="owner"/>).
    /// </summary>
    private static void InlineLink(Link link, string? owner, RenderContext context, TextFieldWriter w)
    {
        w.Begin(Grammar.FieldGrammar.Link);
        w.WriteAscii("<");
        w.Write(Path(link.Target, context));
        w.WriteAscii(">");
        Identifier("; rel=\"", link.TargetKind ?? CoreCategories.Resource.Id, w);
        if (link.Location is { } self) Quoted("; self=\"", Path(self, context), w);
        w.WriteAscii("; category=\"");
        IdentifierItem(link.Kind == default ? CoreCategories.Link.Id : link.Kind, first: true, w);
        foreach (var mixin in link.Mixins) IdentifierItem(mixin, first: false, w);
        w.WriteAscii("\"");
        if (link.Id.Length > 0) LinkAttribute(Core.Model.Entity.IdAttribute, AttributeValue.String(link.Id), w);
        var source = link.Source.Length > 0 ? link.Source : owner;
        if (!string.IsNullOrEmpty(source)) Quoted(InlineSourceOpening, Path(source, context), w);
        if (link.Target.Length > 0) Quoted(InlineTargetOpening, Path(link.Target, context), w);
        foreach (var (name, value) in link.Attributes)
            if (name is not (Core.Model.Entity.IdAttribute or Link.SourceAttribute or Link.TargetAttribute)) LinkAttribute(name, value, w);
        w.End();
    }

    /// <summary>GFD.185 §3.4.3: Link: &lt;/compute/1?action=start&gt;; rel="…/compute/action#start".</summary>
    private static void ActionLink(string location, CategoryId action, RenderContext context, TextFieldWriter w)
    {
        w.Begin(Grammar.FieldGrammar.Link);
        w.WriteAscii("<");
        w.Write(Path(location, context));
        w.WriteAscii("?action=");
        w.Write(action.Term);
        w.WriteAscii(">");
        Identifier("; rel=\"", action, w);
        w.End();
    }

    private static void Attribute(string name, AttributeValue value, TextFieldWriter w)
    {
        w.Begin(Grammar.FieldGrammar.Attribute);
        w.Write(name);
        w.WriteAscii("=");
        w.WriteValue(value);
        w.End();
    }

    private static void LinkAttribute(string name, AttributeValue value, TextFieldWriter w)
    {
        w.WriteAscii("; ");
        w.Write(name);
        w.WriteAscii("=");
        w.WriteValue(value);
    }

    /// <summary>A quoted parameter; <paramref name="opening"/> is its literal start up to and with the quote.</summary>
    private static void Quoted(string opening, ReadOnlySpan<char> value, TextFieldWriter w)
    {
        w.WriteAscii(opening);
        w.WriteEscaped(value);
        w.WriteAscii("\"");
    }

    /// <summary>A location parameter made absolute; base URL and path are written one after the other, not joined.</summary>
    private static void AbsoluteLocation(string location, RenderContext context, TextFieldWriter w)
    {
        w.WriteAscii("; location=\"");
        if (location.StartsWith('/')) w.WriteEscaped(context.BaseUrl);
        w.WriteEscaped(location);
        w.WriteAscii("\"");
    }

    /// <summary>What <see cref="RenderContext.Absolute"/> gives, without joining the strings.</summary>
    private static void WriteAbsolute(string location, RenderContext context, TextFieldWriter w)
    {
        if (location.StartsWith('/')) w.Write(context.BaseUrl);
        w.Write(location);
    }

    private static void Identifier(string opening, CategoryId id, TextFieldWriter w)
    {
        w.WriteAscii(opening);
        IdentifierItem(id, first: true, w);
        w.WriteAscii("\"");
    }

    private static void Identifiers<T>(string opening, IReadOnlyList<T> categories, TextFieldWriter w) where T : Category
    {
        w.WriteAscii(opening);
        for (var i = 0; i < categories.Count; i++) IdentifierItem(categories[i].Id, first: i == 0, w);
        w.WriteAscii("\"");
    }

    private static void IdentifierItem(CategoryId id, bool first, TextFieldWriter w)
    {
        if (!first) w.WriteAscii(" ");
        w.WriteEscaped(id.Scheme);
        w.WriteEscaped(id.Term);
    }

    /// <summary>A location below this server as a path; anything else as given.</summary>
    private static ReadOnlySpan<char> Path(string location, RenderContext context) =>
        location.StartsWith(context.BaseUrl, StringComparison.Ordinal) && location.Length > context.BaseUrl.Length
            && location[context.BaseUrl.Length] == '/'
            ? location.AsSpan(context.BaseUrl.Length)
            : location;
}
