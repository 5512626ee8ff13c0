using Occi.Core;

namespace Occi.Server.Telemetry;

/// <summary>How a timed call ended, as a label of few values: ok, or the kind of error.</summary>
internal static class CallOutcome
{
    public const string Ok = "ok";

    private static readonly Dictionary<OcciErrorKind, string> Kinds = Enum.GetValues<OcciErrorKind>().ToDictionary(k => k, k => k.ToString());

    /// <summary>"ok"; an OcciException's kind (NotFound, BackendFailure, Unavailable…); "Canceled"; or "Unexpected".</summary>
    public static string Of(Exception? error) => error switch
    {
        null => Ok,
        OcciException o => Kinds.GetValueOrDefault(o.Kind, "Unexpected"),
        OperationCanceledException => "Canceled",
        _ => "Unexpected",
    };
}
