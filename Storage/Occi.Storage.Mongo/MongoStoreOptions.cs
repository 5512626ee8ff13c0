namespace Occi.Storage.Mongo;

/// <summary>Bound from <c>Occi:Mongo:ConnectionString</c> and <c>Occi:Mongo:Database</c>.</summary>
public sealed class MongoStoreOptions
{
    /// <summary>A MongoDB URI. A replica set (or sharded cluster) is expected: writes use majority write concern.</summary>
    public string ConnectionString { get; set; } = "";

    public string Database { get; set; } = "occi";
}
