using Occi.Rendering.Json11;

namespace Occi.Server;

/// <summary>
/// "Occi:Json": which JSON dialect application/occi+json answers are written in (README "JSON dialects").
/// Auto: OCCI/1.1 in the User-Agent (rOCCI 4.x) → the 1.1-era JSON, OCCI/1.2 → GFD.226's, neither → the
/// dialect of the request body when it shows one, else GFD.226's. Occi11 / Occi12: always that one.
/// </summary>
public sealed class JsonDialectOptions
{
    public const string Section = "Occi:Json";

    public string Dialect { get; set; } = nameof(JsonDialect.Auto);

    public JsonDialect Parsed => Enum.TryParse<JsonDialect>(Dialect, ignoreCase: true, out var d) && Enum.IsDefined(d) ? d : JsonDialect.Auto;

    public bool IsValid => Enum.TryParse<JsonDialect>(Dialect, ignoreCase: true, out var d) && Enum.IsDefined(d) && !int.TryParse(Dialect, out _);
}
