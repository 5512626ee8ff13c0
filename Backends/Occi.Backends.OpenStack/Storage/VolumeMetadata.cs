namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// What the gateway writes into the metadata of the volumes and snapshots it makes, the same pair the compute side
/// writes on servers: "occi_gateway" (the gateway's tag: reconciliation and other gateways tell its volumes from
/// volumes made outside) and "occi_id" (the OCCI id, so an interrupted create is found again by the id the server gave).
/// </summary>
internal static class VolumeMetadata
{
    public const string GatewayKey = "occi_gateway";
    public const string EntityKey = "occi_id";

    /// <summary>The default of Occi:OpenStack:GatewayTag, the value the compute side tags servers with.</summary>
    public const string GatewayTag = "occigateway";

    public static Dictionary<string, string> For(string occiId) => new(StringComparer.Ordinal) { [GatewayKey] = GatewayTag, [EntityKey] = occiId };

    /// <summary>The list filter for the gateway's volumes, or for the one standing for an OCCI id (cinder api-ref: metadata filter, a JSON object).</summary>
    public static string Filter(string? occiId = null) =>
        "metadata=" + Uri.EscapeDataString(occiId is null ? $"{{\"{GatewayKey}\":\"{GatewayTag}\"}}" : $"{{\"{EntityKey}\":\"{Escape(occiId)}\"}}");

    private static string Escape(string s) => System.Text.Json.JsonEncodedText.Encode(s).ToString();
}
