using Occi.Core;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Server.Http;
using Occi.Server.Operations;

namespace Occi.Server.Tests;

/// <summary>What a request path names, and the raw request targets refused before anything looks at them.</summary>
public class PathResolverTests
{
    private static readonly CategorySnapshot Model = new CategoryRegistry(InfrastructureModel.All).Current;

    [TestCase("/compute/../etc/passwd")]
    [TestCase("/compute/..")]
    [TestCase("/./compute/")]
    [TestCase("/compute/%2e%2e/x")]
    [TestCase("/compute/%2E./x")]
    [TestCase("/compute/.%2e")]
    [TestCase("/compute/a%2F..%2Fb")]
    [TestCase("/compute/a%5c..%5cb")]
    [TestCase("/compute/a\\.\\b")]
    [TestCase("/compute/%2e?x=1")]
    public void A_raw_target_with_a_dot_segment_is_refused(string rawTarget)
    {
        Assert.That(() => PathResolver.CheckRawTarget(rawTarget), Throws.InstanceOf<OcciException>().With.Message.Contains("segment"));
    }

    [TestCase("/compute/")]
    [TestCase("/compute/vm.1")]
    [TestCase("/compute/...")]
    [TestCase("/compute/.hidden")]
    [TestCase("/compute/a..b")]
    [TestCase("/compute/%2e%2e%2e")]
    [TestCase("/compute/%2ex")]
    [TestCase("/compute/x?path=/../")]
    [TestCase("/compute/%2")]
    public void A_raw_target_without_a_dot_segment_passes(string rawTarget)
    {
        Assert.That(() => PathResolver.CheckRawTarget(rawTarget), Throws.Nothing);
    }

    [Test]
    public void A_kind_location_without_its_slash_names_the_collection()
    {
        var resolved = PathResolver.Resolve("/compute", Model);
        Assert.That((resolved.Target, resolved.Path), Is.EqualTo((PathTarget.KindCollection, "/compute/")));
    }

    [Test]
    public void A_path_below_a_kind_location_names_an_entity()
    {
        var resolved = PathResolver.Resolve("/compute/vm1", Model);
        Assert.That((resolved.Target, resolved.Path), Is.EqualTo((PathTarget.Entity, "/compute/vm1")));
    }
}
