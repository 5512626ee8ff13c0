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
    public async Task<IReadOnlyList<Mixin>> ListUserMixinsAsync(CancellationToken cancellationToken)
    {
        var documents = new List<byte[]>();
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT doc FROM user_mixins ORDER BY identity";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                documents.Add(Encoding.UTF8.GetBytes(reader.GetString(0)));
        }
        return UserMixinGraph.Build(documents);
    }

    public async Task PutUserMixinAsync(Mixin mixin, CancellationToken cancellationToken)
    {
        var document = EntityDocumentCodec.EncodeMixinToString(mixin);
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var upsert = write.Statement("INSERT INTO user_mixins (identity, doc) VALUES ($id, $doc) ON CONFLICT (identity) DO UPDATE SET doc = excluded.doc", "$id", "$doc");
        upsert.Parameters[0].Value = mixin.Id.Identity;
        upsert.Parameters[1].Value = document;
        upsert.ExecuteNonQuery();
        write.Commit();
    }

    public async Task<bool> DeleteUserMixinAsync(CategoryId id, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var delete = write.Statement("DELETE FROM user_mixins WHERE identity = $id", "$id");
        delete.Parameters[0].Value = id.Identity;
        var deleted = delete.ExecuteNonQuery();
        write.Commit();
        return deleted > 0;
    }

    public async Task<IReadOnlyList<RuntimeCategory>> ListRuntimeCategoriesAsync(CancellationToken cancellationToken)
    {
        var categories = new List<RuntimeCategory>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM runtime_categories ORDER BY identity";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            categories.Add(RuntimeCategoryCodec.Decode(reader.GetString(0)));
        return categories;
    }

    public async Task PutRuntimeCategoryAsync(RuntimeCategory category, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var upsert = write.Statement("INSERT INTO runtime_categories (identity, doc) VALUES ($id, $doc) ON CONFLICT (identity) DO UPDATE SET doc = excluded.doc", "$id", "$doc");
        upsert.Parameters[0].Value = category.Id.Identity;
        upsert.Parameters[1].Value = RuntimeCategoryCodec.Encode(category);
        upsert.ExecuteNonQuery();
        write.Commit();
    }

    public async Task<bool> DeleteRuntimeCategoryAsync(CategoryId id, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var delete = write.Statement("DELETE FROM runtime_categories WHERE identity = $id", "$id");
        delete.Parameters[0].Value = id.Identity;
        var deleted = delete.ExecuteNonQuery();
        write.Commit();
        return deleted > 0;
    }
}
