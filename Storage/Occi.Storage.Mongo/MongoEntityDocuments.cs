using System.Text;
using MongoDB.Bson;
using MongoDB.Driver;
using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Mongo;

/// <summary>
/// The shape of an entity in the <c>entities</c> collection, and the filters and updates over it:
/// <c>{ _id: location, id, kind, mixins: [identity…], owner, backendId, source, target, version,
/// attrs: [{ n: name, t: text form }…], doc: codec JSON, writeToken }</c>.
/// The entity itself is the <see cref="EntityDocumentCodec"/> JSON in <c>doc</c> (a string): attribute
/// names contain dots, which MongoDB cannot address as field paths, and the codec alone keeps integer and
/// number apart exactly. The other fields are copies for indexes and queries — except <c>mixins</c>, which
/// is authoritative (so associating a mixin is one $addToSet) and replaces the codec's list on read.
/// </summary>
internal static class MongoEntityDocuments
{
    public const string Location = "_id";
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Mixins = "mixins";
    public const string Owner = "owner";
    public const string BackendId = "backendId";
    public const string Source = "source";
    public const string Target = "target";
    public const string Version = "version";
    public const string Attributes = "attrs";
    public const string Body = "doc";
    public const string WriteToken = "writeToken";

    /// <summary>Name of the unique index on id: a duplicate-key error naming it means "id already used".</summary>
    public const string IdIndex = "id_unique";

    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;
    private static UpdateDefinitionBuilder<BsonDocument> Update => Builders<BsonDocument>.Update;

    public static IReadOnlyList<CreateIndexModel<BsonDocument>> Indexes()
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        return
        [
            // _id (location) is unique by definition.
            new(keys.Ascending(Id), new CreateIndexOptions { Name = IdIndex, Unique = true }),
            new(keys.Ascending(Kind).Ascending(Location), new CreateIndexOptions { Name = "kind" }),
            new(keys.Ascending(Mixins).Ascending(Location), new CreateIndexOptions { Name = "mixins" }),
            new(keys.Ascending(Owner).Ascending(Location), new CreateIndexOptions { Name = "owner" }),
            // A tenant's kind listing (issue 14): equality on owner and kind, in location order, read from the index alone.
            new(keys.Ascending(Owner).Ascending(Kind).Ascending(Location), new CreateIndexOptions { Name = "owner_kind" }),
            new(keys.Ascending(BackendId), new CreateIndexOptions { Name = "backend_id", Sparse = true }),
            new(keys.Ascending(Source).Ascending(Location), new CreateIndexOptions { Name = "link_source", Sparse = true }),
            new(keys.Ascending(Target).Ascending(Location), new CreateIndexOptions { Name = "link_target", Sparse = true }),
            new(keys.Ascending(Attributes + ".n").Ascending(Attributes + ".t"), new CreateIndexOptions { Name = "attributes" }),
        ];
    }

    public static BsonDocument ToDocument(Entity entity, string? owner, long version, string writeToken)
    {
        var attributes = new BsonArray();
        foreach (var (name, value) in entity.Attributes)
            attributes.Add(new BsonDocument { { "n", name }, { "t", value.ToString() } });
        var doc = new BsonDocument
        {
            { Location, entity.Location ?? throw new ArgumentException("an entity needs a location to be stored", nameof(entity)) },
            { Id, entity.Id },
            { Kind, entity.Kind.Identity },
            { Mixins, new BsonArray(entity.Mixins.Distinct().Select(m => m.Identity)) },
            { Owner, (BsonValue?)owner ?? BsonNull.Value },
            { Version, version },
            { Attributes, attributes },
            { Body, Encoding.UTF8.GetString(EntityDocumentCodec.Encode(entity)) },
            { WriteToken, writeToken },
        };
        if (entity.BackendId is not null) doc[BackendId] = entity.BackendId;
        if (entity is Link link)
        {
            doc[Source] = link.Source;
            doc[Target] = link.Target;
        }
        return doc;
    }

    public static EntityRecord ToRecord(BsonDocument doc)
    {
        var entity = EntityDocumentCodec.Decode(doc[Body].AsString);
        entity.Mixins.Clear();
        foreach (var m in doc[Mixins].AsBsonArray) entity.Mixins.Add(CategoryId.Parse(m.AsString));
        var owner = doc.GetValue(Owner, BsonNull.Value);
        return new EntityRecord(entity, doc[Version].ToInt64(), owner.IsBsonNull ? null : owner.AsString);
    }

    public static FilterDefinition<BsonDocument> At(string location) => Filter.Eq(Location, location);

    /// <summary>The optimistic-concurrency filter: this location, still at the version the writer read.</summary>
    public static FilterDefinition<BsonDocument> AtVersion(string location, long version) =>
        Filter.And(Filter.Eq(Location, location), Filter.Eq(Version, version));

    public static FilterDefinition<BsonDocument> WithId(string id) => Filter.Eq(Id, id);

    public static FilterDefinition<BsonDocument> AnyOf(IEnumerable<string> locations) => Filter.In(Location, locations);

    /// <summary>Locations starting with the prefix: an anchored, escaped regular expression, which MongoDB answers from the _id index.</summary>
    public static FilterDefinition<BsonDocument> Below(string prefix) =>
        Filter.Regex(Location, new BsonRegularExpression("^" + EscapeRegex(prefix)));

    public static FilterDefinition<BsonDocument> Matching(EntityQuery query)
    {
        var all = new List<FilterDefinition<BsonDocument>>();
        if (query.Kinds is { } kinds) all.Add(Filter.In(Kind, kinds.Select(k => k.Identity)));
        if (query.Mixin is { } mixin) all.Add(Filter.Eq(Mixins, mixin.Identity));
        if (query.LocationPrefix is { Length: > 0 } prefix) all.Add(Below(prefix));
        if (query.Owner is not null) all.Add(Filter.Eq(Owner, query.Owner));
        if (query.LinkSource is not null) all.Add(Filter.Eq(Source, query.LinkSource));
        if (query.LinkTarget is not null) all.Add(Filter.Eq(Target, query.LinkTarget));
        if (query.BackendId is not null) all.Add(Filter.Eq(BackendId, query.BackendId)); // the backend_id index
        foreach (var (name, value) in query.Attributes ?? [])
            all.Add(name switch
            {
                // The entity's own keys are fields of the document, not among its stored attributes.
                Entity.IdAttribute => Filter.Eq(Id, value.ToString()),
                Link.SourceAttribute => Filter.Eq(Source, value.ToString()),
                Link.TargetAttribute => Filter.Eq(Target, value.ToString()),
                _ => Filter.ElemMatch<BsonValue>(Attributes, new BsonDocument { { "n", name }, { "t", value.ToString() } }),
            });
        return all.Count == 0 ? Filter.Empty : Filter.And(all);
    }

    /// <summary>Entities among <paramref name="locations"/> that lack the mixin: adding it changes them, so their version grows.</summary>
    public static FilterDefinition<BsonDocument> LackingMixin(IEnumerable<string> locations, CategoryId mixin) =>
        Filter.And(AnyOf(locations), Filter.Ne(Mixins, mixin.Identity));

    /// <summary>Entities (among <paramref name="locations"/>, or all) that have the mixin.</summary>
    public static FilterDefinition<BsonDocument> HavingMixin(IEnumerable<string>? locations, CategoryId mixin) =>
        locations is null ? Filter.Eq(Mixins, mixin.Identity) : Filter.And(AnyOf(locations), Filter.Eq(Mixins, mixin.Identity));

    public static UpdateDefinition<BsonDocument> AddMixin(CategoryId mixin) =>
        Update.Combine(Update.AddToSet(Mixins, mixin.Identity), Update.Inc(Version, 1L));

    public static UpdateDefinition<BsonDocument> RemoveMixin(CategoryId mixin) =>
        Update.Combine(Update.Pull(Mixins, mixin.Identity), Update.Inc(Version, 1L));

    /// <summary>Backslash before every character that is not a letter or digit: in PCRE that always means the literal character.</summary>
    public static string EscapeRegex(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (c < 128 && !char.IsAsciiLetterOrDigit(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
