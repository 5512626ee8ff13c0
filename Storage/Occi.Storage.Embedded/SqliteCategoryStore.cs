using System.Text;
using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded;

/// <summary>
/// <see cref="ICategoryStore"/> on the embedded SQLite file: one row per user mixin (GFD.185 §3.4.2),
/// keyed by identity, holding its <see cref="EntityDocumentCodec.EncodeMixin"/> JSON, and one per runtime kind or
/// action (issue 19) in <c>runtime_categories</c>, holding its <see cref="RuntimeCategoryCodec"/> JSON. Depends on other
/// stored user mixins come back resolved; depends on anything else come back as identity-only
/// placeholders for the caller to resolve against its registry.
/// </summary>
internal sealed class SqliteCategoryStore(EmbeddedDatabase database) : ICategoryStore
{
    private const string UserMixins = "user_mixins", RuntimeCategories = "runtime_categories";

    public async Task<IReadOnlyList<Mixin>> ListUserMixinsAsync(CancellationToken cancellationToken) =>
        UserMixinGraph.Build((await ListAsync(UserMixins, cancellationToken)).Select(Encoding.UTF8.GetBytes).ToArray());

    public Task PutUserMixinAsync(Mixin mixin, CancellationToken cancellationToken) =>
        PutAsync(UserMixins, mixin.Id, EntityDocumentCodec.EncodeMixinToString(mixin), cancellationToken);

    public Task<bool> DeleteUserMixinAsync(CategoryId id, CancellationToken cancellationToken) => DeleteAsync(UserMixins, id, cancellationToken);

    public async Task<IReadOnlyList<RuntimeCategory>> ListRuntimeCategoriesAsync(CancellationToken cancellationToken) =>
        (await ListAsync(RuntimeCategories, cancellationToken)).Select(RuntimeCategoryCodec.Decode).ToArray();

    public Task PutRuntimeCategoryAsync(RuntimeCategory category, CancellationToken cancellationToken) =>
        PutAsync(RuntimeCategories, category.Id, RuntimeCategoryCodec.Encode(category), cancellationToken);

    public Task<bool> DeleteRuntimeCategoryAsync(CategoryId id, CancellationToken cancellationToken) => DeleteAsync(RuntimeCategories, id, cancellationToken);

    /// <summary>Every document of a table (one of the two constants above: never a client's text), by identity.</summary>
    private async Task<List<string>> ListAsync(string table, CancellationToken cancellationToken)
    {
        var documents = new List<string>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT doc FROM {table} ORDER BY identity";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) documents.Add(reader.GetString(0));
        return documents;
    }

    private async Task PutAsync(string table, CategoryId id, string document, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var upsert = write.Statement($"INSERT INTO {table} (identity, doc) VALUES ($id, $doc) ON CONFLICT (identity) DO UPDATE SET doc = excluded.doc", "$id", "$doc");
        upsert.Parameters[0].Value = id.Identity;
        upsert.Parameters[1].Value = document;
        upsert.ExecuteNonQuery();
        write.Commit();
    }

    private async Task<bool> DeleteAsync(string table, CategoryId id, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var delete = write.Statement($"DELETE FROM {table} WHERE identity = $id", "$id");
        delete.Parameters[0].Value = id.Identity;
        var deleted = delete.ExecuteNonQuery();
        write.Commit();
        return deleted > 0;
    }
}
