using System.Buffers;
using System.Text.Json;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Rendering.Json;

namespace Occi.Rendering.Json11;

/// <summary>
/// Reads an OCCI 1.1-era JSON body by rewriting it in the GFD.225 shape and handing that to the 1.2
/// parser, which alone judges the content: one set of rules for entities, actions and definitions.
/// The rewrite joins nested attribute names ({"occi":{"compute":{"cores":2}}} → "occi.compute.cores"),
/// turns "related" into "parent"/"depends", unwraps a one-entity {"resources":[…]} (a create, an update,
/// or pyOCNI's attribute filter), reads pyOCNI's {"actions":[{term,scheme}],"attributes"} as an action
/// invocation, {"X-OCCI-Location":[…]} as locations, and a category object with neither term nor scheme
/// (pyOCNI's category filter) as the identities of the model's categories that match it, and pyOCNI's
/// <c>providers</c> list (update_provider.json) as <see cref="OcciRequest.Providers"/>.
/// Total: any input gives an <see cref="OcciRequest"/> or an <see cref="OcciParseException"/>.
/// </summary>
internal static class Json11RequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = JsonBodyReader.MaxDepth,
    };

    /// <summary>
    /// What a category filter that matched no category becomes: an identity no category has, so the
    /// answer is empty rather than the whole model (an empty filter means "everything").
    /// </summary>
    public static readonly CategoryId NoMatch = new("urn:x-occigateway:filter#", "no-match");

    public static OcciRequest Read(ReadOnlyMemory<byte> body, CategorySnapshot model)
    {
        if (body.Span.StartsWith("\uFEFF"u8)) body = body[3..];
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty) return new OcciRequest();
        var rewritten = new ArrayBufferWriter<byte>(body.Length + 64);
        List<KindProviders>? providers = null;
        try
        {
            using (var document = JsonDocument.Parse(body, DocumentOptions))
            using (var w = new Utf8JsonWriter(rewritten, new JsonWriterOptions { SkipValidation = false, MaxDepth = 256 }))
            {
                new Json11Rewrite(w, model).Body(document.RootElement);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("providers", out var named))
                    providers = ProviderList.Read(named);
            }
        }
        catch (OcciParseException) { throw; }
        catch (JsonException e) { throw JsonRequestReader.FromJson(e); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new OcciParseException("malformed OCCI 1.1 JSON: " + e.Message, inner: e);
        }
        try
        {
            var request = JsonRequestReader.Read(rewritten.WrittenMemory, model);
            request.Providers = providers;
            return request;
        }
        catch (OcciParseException e)
        {
            // Its line and column count in the rewritten body, not in the client's: keep only what was wrong.
            var message = e.Message;
            if (e.Where is { } where && message.StartsWith(where, StringComparison.Ordinal) && message.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
                message = message[(colon + 2)..];
            throw new OcciParseException(message, inner: e);
        }
    }

    /// <summary>Writes the GFD.225 form of one 1.1 body.</summary>
    private readonly struct Json11Rewrite(Utf8JsonWriter w, CategorySnapshot model)
    {
        public void Body(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                // A list of locations reads the same in both dialects; anything else the 1.2 parser refuses.
                root.WriteTo(w);
                return;
            }
            if (Member(root, Json11Names.OcciLocation) is { ValueKind: JsonValueKind.Array } locations)
            {
                locations.WriteTo(w);
                return;
            }
            var resources = Member(root, "resources");
            var links = Member(root, "links");
            var kinds = Member(root, "kinds");
            var mixins = Member(root, "mixins");
            var actions = Member(root, "actions");
            var attributes = Member(root, "attributes");

            // An invocation; rOCCI-core's collection samples carry an "action" beside their entities, which is none.
            if (Member(root, "action") is { } invoked && resources is null && links is null && kinds is null && mixins is null && actions is null)
            {
                Invocation(invoked, attributes);
                return;
            }
            // pyOCNI's trigger_action: the action as a category object beside the invocation's attributes.
            if (actions is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == 1 && a[0] is { ValueKind: JsonValueKind.Object } only
                && attributes is not null && resources is null && links is null && kinds is null && mixins is null
                && Identity(only) is { } actionId)
            {
                w.WriteStartObject();
                w.WriteString("action", actionId);
                Attributes(attributes.Value, definitions: false);
                w.WriteEndObject();
                return;
            }
            if (resources is { ValueKind: JsonValueKind.Array } one && one.GetArrayLength() == 1 && links is null && kinds is null
                && mixins is null && actions is null && one[0].ValueKind == JsonValueKind.Object)
            {
                Entity(one[0]);
                return;
            }
            if (links is { ValueKind: JsonValueKind.Array } oneLink && oneLink.GetArrayLength() == 1 && resources is null && kinds is null
                && mixins is null && actions is null && oneLink[0].ValueKind == JsonValueKind.Object)
            {
                Entity(oneLink[0]);
                return;
            }
            if (resources is null && links is null && kinds is null && mixins is null && actions is null
                && (Member(root, "kind") is not null || Member(root, "id") is not null || attributes is not null
                    || Member(root, "term") is not null || Member(root, "scheme") is not null))
            {
                // A bare entity or category object, as some 1.1 clients send one.
                if (Member(root, "term") is not null || Member(root, "scheme") is not null) Category(root, CategoryClass.Mixin);
                else Entity(root);
                return;
            }

            w.WriteStartObject();
            EntityArray("resources", resources);
            EntityArray("links", links);
            CategoryArray("kinds", kinds, CategoryClass.Kind);
            CategoryArray("mixins", mixins, CategoryClass.Mixin);
            CategoryArray("actions", actions, CategoryClass.Action);
            w.WriteEndObject();
        }

        private void Invocation(JsonElement action, JsonElement? attributes)
        {
            w.WriteStartObject();
            w.WritePropertyName("action");
            // rOCCI sends the identity; an action object ({"scheme","term"} or {"action": identity}) is read as that identity.
            if (action.ValueKind == JsonValueKind.Object && (Identity(action) ?? StringMember(action, "action")) is { } id) w.WriteStringValue(id);
            else action.WriteTo(w);
            if (attributes is { } given) Attributes(given, definitions: false);
            w.WriteEndObject();
        }

        private void EntityArray(string name, JsonElement? array)
        {
            if (array is not { } items) return;
            w.WritePropertyName(name);
            if (items.ValueKind != JsonValueKind.Array) { items.WriteTo(w); return; }
            w.WriteStartArray();
            foreach (var item in items.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object) Entity(item);
                else item.WriteTo(w);
            w.WriteEndArray();
        }

        /// <summary>A resource or link: nested attributes joined, "rel" dropped, action objects as identities.</summary>
        private void Entity(JsonElement e)
        {
            w.WriteStartObject();
            foreach (var member in e.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "kind" or "mixins" or "id" or "title" or "summary" or "location" or "source" or "target":
                        member.WriteTo(w);
                        break;
                    case "attributes":
                        Attributes(member.Value, definitions: false);
                        break;
                    case "actions" when member.Value.ValueKind == JsonValueKind.Array:
                        // rOCCI lists {"scheme","term","attributes"}, pyOCNI {"title","href","category"}: the identity is what counts.
                        w.WriteStartArray("actions");
                        foreach (var action in member.Value.EnumerateArray())
                            if (action.ValueKind == JsonValueKind.Object)
                            {
                                if ((Identity(action) ?? StringMember(action, "category")) is { } id) w.WriteStringValue(id);
                            }
                            else action.WriteTo(w);
                        w.WriteEndArray();
                        break;
                    case "links" when member.Value.ValueKind == JsonValueKind.Array:
                        w.WriteStartArray("links");
                        foreach (var link in member.Value.EnumerateArray())
                            if (link.ValueKind == JsonValueKind.Object) Entity(link);
                            else link.WriteTo(w);
                        w.WriteEndArray();
                        break;
                    case "links":
                        member.WriteTo(w);
                        break;
                }
            }
            w.WriteEndObject();
        }

        /// <summary>The "attributes" member: values or definitions with their names joined; anything but an object as it is, for the 1.2 parser to refuse.</summary>
        private void Attributes(JsonElement attributes, bool definitions)
        {
            if (attributes.ValueKind != JsonValueKind.Object)
            {
                w.WritePropertyName("attributes");
                attributes.WriteTo(w);
                return;
            }
            w.WriteStartObject("attributes");
            if (definitions) Definitions(attributes, "");
            else Values(attributes, "");
            w.WriteEndObject();
        }

        /// <summary>Attribute values, nested by name part, written under their joined names.</summary>
        private void Values(JsonElement attributes, string prefix)
        {
            foreach (var member in attributes.EnumerateObject())
            {
                var name = prefix.Length == 0 ? member.Name : prefix + "." + member.Name;
                // An object is a further name part, unless the model defines that name as an object-valued attribute.
                if (member.Value.ValueKind == JsonValueKind.Object && !Defines(name)) Values(member.Value, name);
                else
                {
                    w.WritePropertyName(name);
                    member.Value.WriteTo(w);
                }
            }
        }

        private bool Defines(string name)
        {
            foreach (var c in model.Categories)
                if (c.Attributes.TryGet(name, out var d)) return d.Type == Occi.Core.Attributes.AttributeType.Object;
            return false;
        }

        private void CategoryArray(string name, JsonElement? array, CategoryClass kind)
        {
            if (array is not { } items) return;
            w.WritePropertyName(name);
            if (items.ValueKind != JsonValueKind.Array) { items.WriteTo(w); return; }
            w.WriteStartArray();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) item.WriteTo(w);
                else if (Member(item, "term") is not null || Member(item, "scheme") is not null) Category(item, kind);
                else Matching(item, kind);
            }
            w.WriteEndArray();
        }

        /// <summary>A category definition: "related" is a kind's parent or a mixin's depends (rOCCI 4, pyOCNI).</summary>
        private void Category(JsonElement c, CategoryClass kind)
        {
            w.WriteStartObject();
            var related = Member(c, "related");
            foreach (var member in c.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "term" or "scheme" or "title" or "location" or "parent" or "depends" or "applies" or "actions":
                        member.WriteTo(w);
                        break;
                    case "attributes":
                        Attributes(member.Value, definitions: true);
                        break;
                }
            }
            if (related is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0)
            {
                if (kind == CategoryClass.Kind && Member(c, "parent") is null) w.WritePropertyName("parent");
                else if (kind == CategoryClass.Mixin && Member(c, "depends") is null) w.WritePropertyName("depends");
                else { w.WriteEndObject(); return; }
                if (kind == CategoryClass.Kind) list[0].WriteTo(w);
                else list.WriteTo(w);
            }
            w.WriteEndObject();
        }

        /// <summary>Attribute definitions, nested by name part down to an object that describes one.</summary>
        private void Definitions(JsonElement attributes, string prefix)
        {
            foreach (var member in attributes.EnumerateObject())
            {
                var name = prefix.Length == 0 ? member.Name : prefix + "." + member.Name;
                if (member.Value.ValueKind != JsonValueKind.Object)
                {
                    w.WritePropertyName(name);
                    member.Value.WriteTo(w);
                }
                else if (IsDefinition(member.Value)) Definition(name, member.Value);
                else Definitions(member.Value, name);
            }
        }

        /// <summary>
        /// A definition has "type", "mutable" or "required" with a plain value (rOCCI-server's fixtures
        /// capitalise them); a name part holds objects.
        /// </summary>
        private static bool IsDefinition(JsonElement o)
        {
            foreach (var member in o.EnumerateObject())
                if (member.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                    && (Is(member.Name, "type") || Is(member.Name, "mutable") || Is(member.Name, "required")))
                    return true;
            return false;
        }

        private static bool Is(string name, string member) => string.Equals(name, member, StringComparison.OrdinalIgnoreCase);

        /// <summary>The definition with its member names as GFD.225 writes them (lower case); others dropped.</summary>
        private void Definition(string name, JsonElement d)
        {
            w.WriteStartObject(name);
            foreach (var member in d.EnumerateObject())
            {
                foreach (var known in DefinitionMembers)
                {
                    if (!Is(member.Name, known)) continue;
                    w.WritePropertyName(known);
                    member.Value.WriteTo(w);
                    break;
                }
            }
            w.WriteEndObject();
        }

        private static readonly string[] DefinitionMembers = ["type", "mutable", "required", "default", "description", "pattern"];

        /// <summary>
        /// pyOCNI's category filter: an object with some of a category's parts and no identity stands for
        /// every category of that class in the model whose parts match (attributes: it defines those names).
        /// </summary>
        private void Matching(JsonElement filter, CategoryClass kind)
        {
            var names = new List<string>();
            if (Member(filter, "attributes") is { ValueKind: JsonValueKind.Object } attributes) DefinedNames(attributes, "", names);
            var title = StringMember(filter, "title");
            var location = StringMember(filter, "location");
            var matched = false;
            foreach (var c in model.Categories)
            {
                if (kind != ClassOf(c)) continue;
                if (title is not null && c.Title != title) continue;
                if (location is not null && CategorySnapshot.LocationOf(c) != location) continue;
                if (names.Any(n => !c.Attributes.TryGet(n, out _))) continue;
                w.WriteStringValue(c.Id.Identity);
                matched = true;
            }
            if (!matched) w.WriteStringValue(NoMatch.Identity);
        }

        private static void DefinedNames(JsonElement attributes, string prefix, List<string> names)
        {
            foreach (var member in attributes.EnumerateObject())
            {
                var name = prefix.Length == 0 ? member.Name : prefix + "." + member.Name;
                if (member.Value.ValueKind == JsonValueKind.Object && !IsDefinition(member.Value)) DefinedNames(member.Value, name, names);
                else names.Add(name);
            }
        }

        private static CategoryClass ClassOf(Category c) => c switch
        {
            Kind => CategoryClass.Kind,
            Mixin => CategoryClass.Mixin,
            _ => CategoryClass.Action,
        };

        /// <summary>scheme + term of a category object, when it has both as strings.</summary>
        private static string? Identity(JsonElement o) =>
            StringMember(o, "scheme") is { } scheme && StringMember(o, "term") is { } term ? scheme + term : null;

        private static string? StringMember(JsonElement o, string name) =>
            Member(o, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

        private static JsonElement? Member(JsonElement o, string name) =>
            o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private enum CategoryClass { Kind, Mixin, Action }
}
