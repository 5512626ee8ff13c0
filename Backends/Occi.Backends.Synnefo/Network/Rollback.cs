using Occi.Core;

namespace Occi.Backends.Synnefo.Network;

/// <summary>Undoing what a failed create made: a failure of the undo is swallowed, since the create's own failure is what the client must see.</summary>
internal static class Rollback
{
    public static async Task QuietlyAsync(Func<Task> undo)
    {
        try { await undo(); }
        catch (OcciException) { } // reconciliation finds what is left
    }
}
