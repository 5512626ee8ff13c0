using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>Occi:Synnefo checked at start: a bad value stops the gateway with the key's name, never a secret.</summary>
public sealed class OptionsTests
{
    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Occi:Synnefo:IdentityUrl"] = "https://accounts.example.org/identity/v2.0" })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        SynnefoBackendRegistration.Register(services, configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<SynnefoOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToArray();
        }
    }

    [Test]
    public void The_defaults_with_an_identity_URL_are_valid() => Assert.That(Failures(), Is.Empty);

    /// <summary>Each a key under Occi:Synnefo and a value it refuses.</summary>
    private static readonly object[] BadValues =
    [
        new[] { "IdentityUrl", "" },
        new[] { "IdentityUrl", "accounts.example.org" },
        new[] { "TimeoutSeconds", "0" },
        new[] { "BreakerBreakSeconds", "0.1" },
        new[] { "BreakerMinimumThroughput", "1" },
        new[] { "RetryCount", "11" },
        new[] { "TokenCacheSeconds", "-1" },
        new[] { "StalenessSeconds", "-1" },
        new[] { "StalenessSeconds", "86401" },
        new[] { "GatewayTag", "" },
        new[] { "OsTemplateScheme", "not a uri" },
        new[] { "ResourceTemplateScheme", "http://schemas.synnefo.org/template/os#" },
        new[] { "EndpointOverrides:compute", "nowhere" },
    ];

    [TestCaseSource(nameof(BadValues))]
    public void A_bad_value_is_refused_naming_its_key(string key, string value) =>
        Assert.That(Failures(("Occi:Synnefo:" + key, value)), Has.Some.StartsWith("Occi:Synnefo:" + key + " "));

    [Test]
    public void A_bad_token_is_named_by_its_key_and_never_shown()
    {
        var failures = Failures(("Occi:Synnefo:Token", " s3cr3t-t0k3n "));
        Assert.That(failures, Has.Some.StartsWith("Occi:Synnefo:Token"));
        Assert.That(string.Join('\n', failures), Does.Not.Contain("s3cr3t"));
    }

    [Test]
    public void The_Astakos_scheme_without_the_Synnefo_backend_stops_the_start_saying_why()
    {
        var failure = Assert.CatchAsync(async () => await RunningServer.StartAsync(null, ("Occi:Backend", "Local"), ("Occi:Auth:Schemes", "Astakos")));
        Assert.That(failure!.Message, Does.Contain("Occi:Backend = Synnefo"));
    }
}
