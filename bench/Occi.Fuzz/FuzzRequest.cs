namespace Occi.Fuzz;

/// <summary>
/// One request as the fuzzer sends it, byte for byte: the target may hold dot segments, percent escapes or
/// bytes no HTTP client library would let through. <see cref="Route"/> names the template it was made from,
/// <see cref="Mutations"/> what was done to it (both for the report), <see cref="Touched"/> the location
/// whose rendering must not change when the answer is a 4xx.
/// </summary>
public sealed class FuzzRequest
{
    public required string Route { get; init; }
    public string Method { get; set; } = "GET";
    public required string Target { get; set; }
    public List<(string Name, string Value)> Headers { get; } = [];
    public string Body { get; set; } = "";
    public string? Touched { get; set; }
    public List<string> Mutations { get; } = [];

    public string? Header(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).LastOrDefault();

    public void SetHeader(string name, string? value)
    {
        Headers.RemoveAll(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (value is not null) Headers.Add((name, value));
    }

    /// <summary>The path part of the target (before '?').</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>The request as a client would paste it into a bug report.</summary>
    public override string ToString()
    {
        var head = string.Join("\n", Headers.Select(h => $"{h.Name}: {h.Value}"));
        return $"{Method} {Target} [{Route}; {string.Join(", ", Mutations)}]\n{head}\n\n{(Body.Length > 600 ? Body[..600] + "…" : Body)}";
    }
}
