namespace Occi.Rendering.Json11;

/// <summary>
/// The two JSON renderings sent as application/occi+json: OCCI 1.1-era JSON (rOCCI 4.x, rOCCI-server 1.x,
/// pyOCNI) and GFD.225/GFD.226's OCCI 1.2 JSON. Auto picks per request (README "JSON dialects").
/// </summary>
public enum JsonDialect
{
    Auto,
    Occi11,
    Occi12,
}
