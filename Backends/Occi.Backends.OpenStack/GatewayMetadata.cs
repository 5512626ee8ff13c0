namespace Occi.Backends.OpenStack;

/// <summary>
/// The one mark the gateway writes into the metadata of what it makes (Nova servers and saved images, Cinder volumes
/// and snapshots): "occi_gateway" = Occi:OpenStack:GatewayTag, so reconciliation and other gateways tell its objects
/// from those made outside, and "occi_id" = the OCCI id, so an interrupted create is found again by the id the server gave.
/// </summary>
internal static class GatewayMetadata
{
    public const string GatewayKey = "occi_gateway";
    public const string EntityKey = "occi_id";

    public static Dictionary<string, string> For(string gatewayTag, string occiId) =>
        new(StringComparer.Ordinal) { [GatewayKey] = gatewayTag, [EntityKey] = occiId };

    public static bool IsOurs(IReadOnlyDictionary<string, string>? metadata, string gatewayTag) => metadata?.GetValueOrDefault(GatewayKey) == gatewayTag;

    /// <summary>Cinder's list filter for the gateway's volumes, or for the one standing for an OCCI id (cinder api-ref: metadata filter, a JSON object).</summary>
    public static string CinderFilter(string gatewayTag, string? occiId = null) =>
        "metadata=" + Uri.EscapeDataString(occiId is null ? $"{{\"{GatewayKey}\":\"{Escape(gatewayTag)}\"}}" : $"{{\"{EntityKey}\":\"{Escape(occiId)}\"}}");

    private static string Escape(string s) => System.Text.Json.JsonEncodedText.Encode(s).ToString();
}
