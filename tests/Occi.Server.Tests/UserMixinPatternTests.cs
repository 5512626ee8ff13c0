using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 12 item 10: attribute patterns come from clients (GFD.225 §3.5.1 user mixin definitions). They run on
/// the linear-time engine, so a hostile pattern cannot stall a request; a pattern that needs backtracking, or
/// is no regular expression, is refused when the mixin is defined; and the model refresh reuses the compiled
/// pattern of a mixin it reads again.
/// </summary>
public sealed class UserMixinPatternTests : ServerTest
{
    private const string Scheme = "http://example.org/tags#";

    private static string MixinJson(string term, string pattern) => new JsonObject
    {
        ["mixins"] = new JsonArray(new JsonObject
        {
            ["scheme"] = Scheme, ["term"] = term, ["location"] = $"/tags/{term}/",
            ["attributes"] = new JsonObject { ["org.example.tag"] = new JsonObject { ["type"] = "string", ["mutable"] = true, ["pattern"] = pattern } },
        }),
    }.ToJsonString();

    private Task<HttpResponseMessage> DefineAsync(string term, string pattern) =>
        SendAsync(HttpMethod.Post, "/-/", MixinJson(term, pattern), contentType: "application/occi+json");

    private Task<HttpResponseMessage> CreateTaggedComputeAsync(string term, string tag) =>
        SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory
            + $"\nCategory: {term}; scheme=\"{Scheme}\"; class=\"mixin\"\nX-OCCI-Attribute: org.example.tag=\"{tag}\"");

    [Test]
    public async Task A_catastrophic_pattern_refuses_a_long_hostile_value_with_400_and_takes_a_fitting_one()
    {
        Assert.That((await DefineAsync("hostile", "(a+)+$")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var refused = await CreateTaggedComputeAsync("hostile", new string('a', 50_000) + "!");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("org.example.tag").And.Contain("does not match pattern"));

        Assert.That((await CreateTaggedComputeAsync("hostile", new string('a', 50_000))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase(@"(a)\1", "backtracking")]
    [TestCase("(?<=x)y", "backtracking")]
    [TestCase("(a{1000}){1000}", "backtracking")]
    [TestCase("(unclosed", "not a regular expression")]
    public async Task A_pattern_that_cannot_be_used_is_a_400_naming_the_attribute_and_defines_nothing(string pattern, string says)
    {
        var response = await DefineAsync("unusable", pattern);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("org.example.tag").And.Contain(says));
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain("Category: unusable;"));
    }

    [Test]
    public async Task The_model_refresh_reuses_the_compiled_pattern_of_a_mixin_it_reads_again()
    {
        var store = Server.Services.GetRequiredService<ICategoryStore>();
        var registry = Server.Services.GetRequiredService<CategoryRegistry>();
        await store.PutUserMixinAsync(Tagged("red", "[a-z]+-red"), CancellationToken.None); // as another gateway would
        var loader = ModelLoaders.For(Server, categories: store);

        await loader.SyncUserMixinsAsync(CancellationToken.None);
        var first = PatternOf(registry, "red");
        await store.PutUserMixinAsync(Tagged("green", "[a-z]+-green"), CancellationToken.None); // the model changes
        await loader.SyncUserMixinsAsync(CancellationToken.None);

        Assert.That(registry.Current.FindMixin(new CategoryId(Scheme, "green")), Is.Not.Null);
        Assert.That(PatternOf(registry, "red"), Is.SameAs(first));
        var reread = (await store.ListUserMixinsAsync(CancellationToken.None)).Single(m => m.Term == "red");
        Assert.That(reread.Attributes.Single().PatternRegex, Is.SameAs(first), "a definition read again from the store is not compiled again");
    }

    private static Mixin Tagged(string term, string pattern) => new(Scheme, term, term, $"/tags/{term}/",
        attributes: [new AttributeDefinition("org.example.tag", pattern: pattern)], isUserDefined: true);

    private static Regex PatternOf(CategoryRegistry registry, string term) =>
        registry.Current.FindMixin(new CategoryId(Scheme, term))!.Attributes.Single().PatternRegex!;
}
