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

    public static OcciRequest ParsePlain(string body) => PlainText.Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(body)), Model);

    public static OcciRequest ParseHeaders(params (string Name, string Value)[] headers) =>
        OcciText.Parse(ParseInput.FromHeaders(headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList()), Model);

    public static OcciParseException PlainError(string body) =>
        Assert.Throws<OcciParseException>(() => ParsePlain(body))!;

    public static OcciParseException HeaderError(string name, string value) =>
        Assert.Throws<OcciParseException>(() => ParseHeaders((name, value)))!;

    /// <summary>Renders with a text rendering; returns the body and the headers.</summary>
    public static (string Body, List<KeyValuePair<string, string>> Headers) Render(TextRendering rendering, Action<TextRendering, RenderOutput> render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var output = new RenderOutput(buffer);
        render(rendering, output);
        return (Encoding.UTF8.GetString(buffer.WrittenSpan), output.Headers);
    }

    /// <summary>What a text/occi response carries, as the request a client would send back (headers; body "OK").</summary>
    public static OcciRequest ReparseOcci(List<KeyValuePair<string, string>> headers, string body) =>
        OcciText.Parse(new ParseInput(Encoding.UTF8.GetBytes(body), headers), Model);

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
