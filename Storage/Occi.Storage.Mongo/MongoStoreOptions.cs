namespace Occi.Storage.Mongo;

/// <summary>Bound from <c>Occi:Mongo:ConnectionString</c> and <c>Occi:Mongo:Database</c>.</summary>
public sealed class MongoStoreOptions
{
    public const string Section = "Occi:Mongo";

    public const string DefaultDatabase = "occi";

    /// <summary>A MongoDB URI, required (no default: empty until configured). A replica set (or sharded cluster) is expected: writes use majority write concern.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The database name; empty means <see cref="DefaultDatabase"/>.</summary>
    public string Database { get; set; } = DefaultDatabase;
}
