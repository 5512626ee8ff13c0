namespace Occi.Server.Entities;

/// <summary>
/// Closes the intent of a finished write off the request path (Background/IntentCompletion gathers them into
/// batches). Closing is not urgent: an intent a crash left open is closed by the reconciler at the next start.
/// </summary>
internal interface IIntentCloser
{
    void Complete(string intentId);
}
