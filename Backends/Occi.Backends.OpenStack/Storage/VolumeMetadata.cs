namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// What the gateway writes into the metadata of the volumes and snapshots it makes: a mark that it made them (so
/// reconciliation and other gateways tell them from volumes made outside) and the OCCI id they stand for (so an
/// interrupted create is found again by the id the server gave it).
/// </summary>
internal static class VolumeMetadata
{
    public const string MadeBy = "occi-gateway";
    public const string OcciId = "occi-id";

    public static Dictionary<string, string> For(string occiId) => new(StringComparer.Ordinal) { [MadeBy] = "true", [OcciId] = occiId };

    /// <summary>The list filter for the gateway's volumes, or for the one standing for an OCCI id (cinder api-ref: metadata filter, a JSON object).</summary>
    public static string Filter(string? occiId = null) =>
        "metadata=" + Uri.EscapeDataString(occiId is null ? $"{{\"{MadeBy}\":\"true\"}}" : $"{{\"{OcciId}\":\"{Escape(occiId)}\"}}");

    private static string Escape(string s) => System.Text.Json.JsonEncodedText.Encode(s).ToString();
}
