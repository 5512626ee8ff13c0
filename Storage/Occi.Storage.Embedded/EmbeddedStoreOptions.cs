namespace Occi.Storage.Embedded;

/// <summary>Where and how the embedded store keeps its file. Bound from <c>Occi:DataPath</c> and <c>Occi:Embedded:*</c>.</summary>
public sealed class EmbeddedStoreOptions
{
    public const string Section = "Occi:Embedded";

    /// <summary>Folder holding <c>occi.db</c> (and its WAL) and <c>occi.lock</c>; created when missing. <c>Occi:DataPath</c>, not a key of this section.</summary>
    public string DataPath { get; set; } = Occi.Core.DataPathOptions.Default;

    /// <summary>
    /// false (the default): an entity write is acknowledged once its journal line is with the OS (one write
    /// call, no fsync), and SQLite runs with synchronous=NORMAL. The file is never corrupted, and every
    /// acknowledged write survives the process being killed (the crash tests SIGKILL a writer 50 times);
    /// only an OS crash or power loss may lose the last writes, which the intent records and reconciliation
    /// on start exist to repair. true also fsyncs each journal line before the write is acknowledged (and
    /// runs SQLite with synchronous=FULL), so acknowledged writes survive power loss too, at the cost of one
    /// fsync per write. Operators who need that set it.
    /// </summary>
    public bool DurableCommits { get; set; }

    /// <summary>
    /// How many MiB the redo journal may grow by before the in-memory view is written to its snapshot in the
    /// background (<c>entities.snapshot</c>), so that an open, after a crash as after a clean close, reads the snapshot
    /// plus at most about this much journal instead of every document in SQLite. The journal's segments are kept until
    /// a snapshot covers them, so this is also about how much journal the data folder holds. 0: a snapshot is written
    /// only by a clean close (an open after a crash then loads the view from SQLite).
    /// </summary>
    public int SnapshotJournalMiB { get; set; } = 64;

    /// <summary><see cref="SnapshotJournalMiB"/> in bytes; tests set a few bytes.</summary>
    internal long SnapshotJournalBytes
    {
        get => _snapshotJournalBytes ?? (long)SnapshotJournalMiB << 20;
        set => _snapshotJournalBytes = value;
    }

    private long? _snapshotJournalBytes;

    /// <summary>How often committed WAL pages are checkpointed into the file (<see cref="WalCheckpointer"/>); tests stop it with <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    internal TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the <see cref="JournalApplier"/> lets journaled writes gather before applying them to SQLite
    /// in one transaction; tests stop it with <see cref="Timeout.InfiniteTimeSpan"/> and apply by hand.
    /// </summary>
    internal TimeSpan JournalGather { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A journal segment this long is closed and the next write starts a new one.</summary>
    internal long JournalSegmentBytes { get; set; } = 8 << 20;

    /// <summary>Opens a journal segment for appending (tests put a failing file in its place).</summary>
    internal Func<string, Stream>? OpenJournalSegment { get; set; }
}
