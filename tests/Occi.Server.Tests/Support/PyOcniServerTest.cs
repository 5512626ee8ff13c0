using System.Text.Json.Nodes;
using Occi.Tests.Cassettes;

namespace Occi.Server.Tests.Support;

/// <summary>
/// A server as a site serving pyOCNI runs it, and pyOCNI's documented request bodies (../shared/fixtures/pyocni).
/// pyOCNI names no OCCI version in its User-Agent: its bodies show their dialect, but a GET without one does not, so
/// such a site sets Occi:Json:Dialect=Occi11 (README "JSON dialects").
/// </summary>
public abstract class PyOcniServerTest : ServerTest
{
    protected override (string Key, string Value)[] Settings => [("Occi:Json:Dialect", "Occi11")];

    protected const string PyOcniAgent = "python-requests/1.2.3";

    /// <summary>A body as published; the test is reported skipped when the fixtures are absent.</summary>
    protected static JsonObject Fixture(string file)
    {
        var path = Cassette.FixturePath("pyocni/" + file);
        if (path is null || !File.Exists(path)) Assert.Ignore("../shared/fixtures is absent");
        return Json11Client.Object(File.ReadAllText(path!));
    }

    protected Task<(HttpResponseMessage Response, string Body)> PyOcniAsync(HttpMethod method, string path, JsonNode? body, string accept = Json11Client.Json) =>
        Json11Client.SendJsonAsync(Server, method, path, body?.ToJsonString(), PyOcniAgent, accept);
}
