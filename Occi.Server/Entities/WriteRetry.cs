using Occi.Core;

namespace Occi.Server.Entities;

/// <summary>
/// Writes are made with the store version they read (issue 11 item 4): when another write came first the store
/// refuses with a conflict. A write the client asked for no condition on is then redone on a fresh read —
/// a lost race is no conflict of the client's (issue 11 item 9) — a bounded number of times before the 409.
/// </summary>
internal static class WriteRetry
{
    /// <summary>How often a write that lost a race to another write is redone before the client gets 409.</summary>
    public const int Attempts = 20;

    /// <summary>Whether <paramref name="e"/> is a lost race that attempt number <paramref name="attempt"/> may redo.</summary>
    public static bool Redoes(OcciException e, int attempt) => e.Kind == OcciErrorKind.Conflict && attempt < Attempts;
}
