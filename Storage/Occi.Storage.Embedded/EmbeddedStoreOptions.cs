namespace Occi.Storage.Embedded;

/// <summary>Where and how the embedded store keeps its file. Bound from <c>Occi:DataPath</c> and <c>Occi:Embedded:*</c>.</summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>Folder holding <c>occi.db</c> (and its WAL) and <c>occi.lock</c>; created when missing.</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>
    /// true (the default) runs SQLite with synchronous=FULL: every commit fsyncs the WAL, so an
    /// acknowledged write survives process kill, OS crash and power loss. false runs synchronous=NORMAL:
    /// WAL commits reach the OS page cache only, which survives SIGKILL but may lose the last commits
    /// on power loss — faster, for disposable test or dev data.
    /// </summary>
    public bool DurableCommits { get; set; } = true;
}
