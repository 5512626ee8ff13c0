using System.Text;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>
/// The parser is total: random bytes and mutated valid bodies (seeded, so a failure replays) give a request
/// or an OcciParseException, never another exception.
/// </summary>
public sealed class JsonParserTotalityTests
{
    private const int Seed = 20261123;
    private const string StructuralChars = "{}[]\",:0a ";

    /// <summary>Valid bodies of every shape the parser knows, to mutate.</summary>
    private static List<byte[]> Corpus()
    {
        var compute = SampleResource(Compute.Kind, "c1", Templates.OsTpl, Contextualization.SshKey);
        foreach (var (name, value) in EveryValueKind()) compute.Attributes[name] = value;
        compute.Links.Add(SampleLink(NetworkInterface.Kind, "nic0", compute, Network.Kind, "/network/n1", IpNetworkInterface.Mixin));
        var storage = SampleResource(Storage.Kind, "s1");
        var corpus = new List<string>
        {
            RenderEntity(compute),
            RenderEntity(compute.Links[0]),
            RenderCollection(compute, storage, compute.Links[0]),
            Render((r, o) => r.RenderCategories(Model.Categories, Context, o)),
            Render((r, o) => r.RenderLocations(["/compute/c1", "/storage/s1"], Context, o)),
            """{"action":"http://schemas.ogf.org/occi/infrastructure/compute/action#stop","attributes":{"method":"graceful"}}""",
            """{"term":"t","scheme":"http://example.org/s#","location":"/t/","attributes":{"a.b":{"type":"string","pattern":"x|y","default":"x"}}}""",
            """{"resources":[{"location":"/r0",},{"location":"/r1"}]}""",
        };
        return corpus.Select(Encoding.UTF8.GetBytes).ToList();
    }

    private static void AssertTotal(byte[] body, string what)
    {
        try
        {
            Parse(body);
        }
        catch (OcciParseException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name} escaped: {e.Message}\ninput (base64): {Convert.ToBase64String(body)}");
        }
    }

    [Test]
    public void Random_bytes_give_a_request_or_a_parse_exception()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 3000; i++)
        {
            var body = new byte[random.Next(0, 64)];
            random.NextBytes(body);
            AssertTotal(body, $"random #{i}");
        }
    }

    [Test]
    public void Random_json_tokens_give_a_request_or_a_parse_exception()
    {
        string[] tokens =
        [
            "{", "}", "[", "]", ",", ":", "\"kind\"", "\"id\"", "\"attributes\"", "\"links\"", "\"resources\"", "\"mixins\"", "\"actions\"",
            "\"source\"", "\"target\"", "\"action\"", "\"term\"", "\"scheme\"", "\"kinds\"", "\"location\"", "\"a.b\"", "\"http://a#b\"",
            "\"x\"", "null", "true", "false", "0", "-1", "1.5", "1e400", "123456789012345678901234567890", "\"\\ud800\"", "\"\\u0000\"",
        ];
        var random = new Random(Seed);
        for (var i = 0; i < 5000; i++)
        {
            var sb = new StringBuilder();
            var n = random.Next(1, 30);
            for (var t = 0; t < n; t++) sb.Append(tokens[random.Next(tokens.Length)]);
            AssertTotal(Encoding.UTF8.GetBytes(sb.ToString()), $"tokens #{i}");
        }
    }

    [Test]
    public void Mutated_valid_bodies_give_a_request_or_a_parse_exception()
    {
        var random = new Random(Seed);
        byte[][] inserts =
        [
            "{"u8.ToArray(), "["u8.ToArray(), "\""u8.ToArray(), "null"u8.ToArray(), "1e999"u8.ToArray(), ","u8.ToArray(),
            "\\"u8.ToArray(), [0xFF], [0xC3], [0xE2, 0x82], "{\"a\":"u8.ToArray(), "]]]]"u8.ToArray(), "\"kind\":\"x\","u8.ToArray(),
        ];
        var mutants = 0;
        foreach (var original in Corpus())
        {
            for (var i = 0; i < 1500; i++)
            {
                var body = new List<byte>(original);
                var edits = random.Next(1, 4);
                for (var k = 0; k < edits && body.Count > 0; k++)
                {
                    var at = random.Next(body.Count);
                    switch (random.Next(5))
                    {
                        case 0: body[at] = (byte)random.Next(256); break;
                        case 1: body.RemoveRange(at, Math.Min(random.Next(1, 16), body.Count - at)); break;
                        case 2: body.InsertRange(at, inserts[random.Next(inserts.Length)]); break;
                        case 3:
                            var length = Math.Min(random.Next(1, 64), body.Count - at);
                            body.InsertRange(random.Next(body.Count), body.GetRange(at, length));
                            break;
                        default: body[at] = (byte)StructuralChars[random.Next(StructuralChars.Length)]; break;
                    }
                }
                mutants++;
                AssertTotal([.. body], $"mutant #{i}");
            }
        }
        Assert.That(mutants, Is.GreaterThan(10_000));
    }

    [Test]
    public void Valid_bodies_of_the_corpus_parse_without_error()
    {
        foreach (var body in Corpus()) Assert.DoesNotThrow(() => Parse(body), Encoding.UTF8.GetString(body));
    }
}
