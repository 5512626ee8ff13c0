using System.Buffers;
using System.Text;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Rendering.Text;

namespace Occi.Rendering.Tests.Text;

/// <summary>Parsing and rendering helpers shared by the text rendering tests.</summary>
internal static class TextTestSupport
{
    public const string BaseUrl = "http://example.com:8080";

    public static readonly CategorySnapshot Model = new CategoryRegistry(InfrastructureModel.All).Current;
    public static readonly RenderContext Context = new(Model, BaseUrl);

    public static readonly TextPlainRendering PlainText = new();
    public static readonly TextOcciRendering OcciText = new();

    // Every parse below also checks that the fast path agrees with the grammar on its input (FastPathAgreement).

    public static OcciRequest ParsePlain(string body)
    {
        var input = ParseInput.FromBody(Encoding.UTF8.GetBytes(body));
        FastPathAgreement.Check(input, readsHeaders: false, body);
        return PlainText.Parse(input, Model);
    }

    public static OcciRequest ParseHeaders(params (string Name, string Value)[] headers)
    {
        var input = ParseInput.FromHeaders(headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList());
        FastPathAgreement.Check(input, readsHeaders: true, string.Join("\n", headers.Select(h => $"{h.Name}: {h.Value}")));
        return OcciText.Parse(input, Model);
    }

    public static OcciParseException PlainError(string body)
    {
        FastPathAgreement.Check(ParseInput.FromBody(Encoding.UTF8.GetBytes(body)), readsHeaders: false, body);
        return Assert.Throws<OcciParseException>(() => PlainText.Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(body)), Model))!;
    }

    public static OcciParseException HeaderError(string name, string value)
    {
        FastPathAgreement.Check(ParseInput.FromHeaders([new(name, value)]), readsHeaders: true, $"{name}: {value}");
        return Assert.Throws<OcciParseException>(() => OcciText.Parse(ParseInput.FromHeaders([new(name, value)]), Model))!;
    }

    /// <summary>Renders with a text rendering; returns the body and the headers.</summary>
    public static (string Body, List<KeyValuePair<string, string>> Headers) Render(TextRendering rendering, Action<TextRendering, RenderOutput> render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var output = new RenderOutput(buffer);
        render(rendering, output);
        return (Encoding.UTF8.GetString(buffer.WrittenSpan), output.Headers);
    }

    /// <summary>What a text/occi response carries, as the request a client would send back (headers; body "OK").</summary>
    public static OcciRequest ReparseOcci(List<KeyValuePair<string, string>> headers, string body)
    {
        var input = new ParseInput(Encoding.UTF8.GetBytes(body), headers);
        FastPathAgreement.Check(input, readsHeaders: true, string.Join("\n", headers.Select(h => $"{h.Key}: {h.Value}")) + "\n\n" + body);
        return OcciText.Parse(input, Model);
    }

    /// <summary>&lt;repo&gt;/../shared/fixtures, or Assert.Ignore when absent.</summary>
    public static string Fixtures(string relative)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) Assert.Ignore("repository root not found");
        var path = Path.Combine(dir!.Parent!.FullName, "shared", "fixtures", relative);
        if (!Directory.Exists(path) && !File.Exists(path)) Assert.Ignore($"fixtures not present: {path}");
        return path;
    }
}
