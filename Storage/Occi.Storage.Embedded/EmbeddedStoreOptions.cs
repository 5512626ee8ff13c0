namespace Occi.Storage.Embedded;

/// <summary>Where and how the embedded store keeps its file. Bound from <c>Occi:DataPath</c> and <c>Occi:Embedded:*</c>.</summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>Folder holding <c>occi.db</c> (and its WAL) and <c>occi.lock</c>; created when missing.</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>
    /// false (the default) runs SQLite with synchronous=NORMAL: in WAL mode a commit reaches the OS page
    /// cache without an fsync. The file is never corrupted, and every acknowledged write survives the
    /// process being killed (the crash tests SIGKILL a writer 50 times); only an OS crash or power loss may
    /// lose the last commits, which the intent records and reconciliation on start exist to repair.
    /// true runs synchronous=FULL: every commit also fsyncs the WAL, so acknowledged writes survive power
    /// loss too, at the cost of one fsync per write. Operators who need that set it.
    /// </summary>
    public bool DurableCommits { get; set; }

    /// <summary>How often committed WAL pages are checkpointed into the file (<see cref="WalCheckpointer"/>); tests stop it with <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    internal TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}
