using Microsoft.Data.Sqlite;

namespace Occi.Storage.Embedded;

/// <summary>
/// The database schema as an ordered list of migrations; <c>schema_version</c> records each one applied.
/// On start every missing migration runs in its own transaction. A file written by a newer gateway
/// (a version this code does not know) is refused rather than guessed at.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>Migration n (1-based) is Steps[n - 1]. Append only; never edit a shipped step.</summary>
    public static readonly string[] Steps =
    [
        // 1: entities (document + indexed columns), mixin memberships, user mixins.
        """
        CREATE TABLE entities (
            location    TEXT    NOT NULL PRIMARY KEY,
            id          TEXT    NOT NULL UNIQUE,
            kind        TEXT    NOT NULL,
            owner       TEXT,
            backend_id  TEXT,
            link_source TEXT,
            link_target TEXT,
            version     INTEGER NOT NULL,
            doc         TEXT    NOT NULL
        );
        CREATE INDEX entities_kind ON entities (kind, location);
        CREATE INDEX entities_owner ON entities (owner, location);
        CREATE INDEX entities_backend_id ON entities (backend_id);
        CREATE INDEX entities_link_source ON entities (link_source, location);
        CREATE INDEX entities_link_target ON entities (link_target, location);
        CREATE TABLE entity_mixins (
            location TEXT NOT NULL,
            mixin    TEXT NOT NULL,
            PRIMARY KEY (location, mixin)
        ) WITHOUT ROWID;
        CREATE INDEX entity_mixins_by_mixin ON entity_mixins (mixin, location);
        CREATE TABLE user_mixins (
            identity TEXT NOT NULL PRIMARY KEY,
            doc      TEXT NOT NULL
        );
        """,
        // 2: intents (backend ↔ store consistency, issue 4).
        """
        CREATE TABLE intents (
            id         TEXT NOT NULL PRIMARY KEY,
            operation  TEXT NOT NULL,
            location   TEXT NOT NULL,
            backend_id TEXT,
            owner      TEXT,
            created_at INTEGER NOT NULL,
            detail     TEXT
        );
        CREATE INDEX intents_created ON intents (created_at, id);
        """,
        // 3: entity reads are answered from memory (EntityView), so the secondary indexes only slowed every
        // commit (each is one more page in the WAL). Keys and constraints stay: location, id, memberships.
        """
        DROP INDEX IF EXISTS entities_kind;
        DROP INDEX IF EXISTS entities_owner;
        DROP INDEX IF EXISTS entities_backend_id;
        DROP INDEX IF EXISTS entities_link_source;
        DROP INDEX IF EXISTS entities_link_target;
        DROP INDEX IF EXISTS entity_mixins_by_mixin;
        """,
        // 4: intents live in the append-only intents.journal (JournalIntentStore); the table of step 2 was never written.
        """
        DROP INDEX IF EXISTS intents_created;
        DROP TABLE IF EXISTS intents;
        """,
        // 5: which state of the entity rows a snapshot of the in-memory view holds (ViewSnapshot): a random name
        // of this file and a count of the transactions that changed its entity rows, one row.
        """
        CREATE TABLE entities_generation (
            file       TEXT    NOT NULL,
            generation INTEGER NOT NULL
        );
        INSERT INTO entities_generation (file, generation) VALUES (lower(hex(randomblob(16))), 0);
        """,
        // 6: how far the rows hold the redo journal (EntityJournal): every write of the segments below `segment` and
        // the first `lines` lines of `segment`, moved in the transaction that applies them, so an open replays only
        // the rest (the journal kept for the view's snapshot is mostly in SQLite already).
        """
        CREATE TABLE journal_applied (
            segment INTEGER NOT NULL,
            lines   INTEGER NOT NULL
        );
        INSERT INTO journal_applied (segment, lines) VALUES (0, 0);
        """,
        // 7: kinds and actions operators define on the query interface at run time (issue 19), one row each, keyed by identity.
        """
        CREATE TABLE runtime_categories (
            identity TEXT NOT NULL PRIMARY KEY,
            doc      TEXT NOT NULL
        );
        """,
    ];

    public static int Latest => Steps.Length;

    public static void Apply(SqliteConnection connection, TimeProvider clock)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Latest)
            throw new InvalidOperationException(
                $"The embedded store '{connection.DataSource}' has schema version {current}, newer than this gateway knows ({Latest}); upgrade the gateway.");
        for (var version = current + 1; version <= Latest; version++)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, tx, Steps[version - 1]);
            using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($v, $at)";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$at", clock.GetUtcNow().ToString("O"));
            record.ExecuteNonQuery();
            tx.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
