using System.Text.Json;
using Occi.Backends.Synnefo.Quotas;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Tests.Quotas;

/// <summary>Astakos' "Get Quotas" answer as the rows of the gateway's quota view.</summary>
public sealed class AstakosQuotaRowsTests
{
    private static Dictionary<string, Dictionary<string, AstakosQuota>> Read(string body) =>
        JsonSerializer.Deserialize(body, AstakosQuotaJson.Default.DictionaryStringDictionaryStringAstakosQuota)!;

    [Test]
    public void The_guides_answer_gives_the_system_sources_rows_in_the_views_units()
    {
        // docs/quota-api-guide.rst, "Get Quotas": a "system" source and a project's.
        var sources = Read("""
            {"system": {"cyclades.ram": {"available": 536870912, "limit": 1073741824, "used": 536870912},
                        "cyclades.vm": {"available": 0, "limit": 2, "used": 2}},
             "project:1": {"cyclades.ram": {"available": 0, "limit": 2147483648, "used": 2147483648},
                           "cyclades.vm": {"available": 3, "limit": 5, "used": 2}}}
            """);

        var rows = AstakosQuotaRows.From(sources, userId: null);

        Assert.That(rows, Is.EquivalentTo(new[] { new CloudQuota(CloudQuota.Instances, 2, 2), new CloudQuota(CloudQuota.MemoryGiB, 1, 0.5) }));
    }

    [Test]
    public void Usage_and_pending_of_later_Astakos_count_as_used()
    {
        var sources = Read("""{"u-1": {"cyclades.floating_ip": {"limit": 3, "usage": 1, "pending": 1}, "pithos.diskspace": {"limit": 5, "usage": 1}}}""");

        var rows = AstakosQuotaRows.From(sources, userId: "u-1");

        Assert.That(rows, Is.EqualTo(new[] { new CloudQuota(CloudQuota.PublicIps, 3, 2) }), "pithos has no row in the view");
    }

    [Test]
    public void Several_projects_without_the_users_own_are_summed()
    {
        var sources = Read("""
            {"p-1": {"cyclades.network.private": {"limit": 2, "usage": 1}, "cyclades.disk": {"limit": 10737418240, "usage": 0}},
             "p-2": {"cyclades.network.private": {"limit": 3, "usage": 0}}}
            """);

        var rows = AstakosQuotaRows.From(sources, userId: "someone-else");

        Assert.That(rows, Is.EquivalentTo(new[] { new CloudQuota(CloudQuota.Networks, 5, 1), new CloudQuota(CloudQuota.StorageGiB, 10, 0) }));
    }
}
