using Occi.Core;
using Occi.Core.Attributes;
using Occi.Infrastructure.Mixins;
using static Occi.Backends.Local.Tests.TestCloud;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.Local.Tests;

/// <summary>GFD.224's save: the simulated cloud keeps a new image, offered from then on as an os_tpl mixin.</summary>
public class SaveTests : CloudTest
{
    private const string OsScheme = "http://occigateway.local/occi/infrastructure/os_tpl#";

    private static AttributeBag Named(string name) => new() { ["name"] = name };

    private static async Task<string[]> OsTermsAsync(LocalBackend backend) =>
        (await backend.DescribeAsync(None)).Mixins.Where(m => m.Scheme == OsScheme).Select(m => m.Term).ToArray();

    [Test]
    public async Task Save_offers_a_new_os_template_named_after_the_name_attribute_which_new_computes_can_use()
    {
        var backend = Cloud.Open();
        var vm = await backend.CreateAsync(Caller, Compute(), None);

        await Invoke(backend, vm, ComputeKind.Save, Named("Web Server v2 (golden)"));

        var saved = (await backend.DescribeAsync(None)).Mixins.Single(m => m.Term == "web-server-v2-golden");
        Assert.That((saved.Scheme, saved.Title, saved.Location), Is.EqualTo((OsScheme, "Web Server v2 (golden)", "/mixin/os_tpl/web-server-v2-golden/")));
        Assert.That(saved.IsOrDependsOn(Templates.OsTpl.Id), Is.True);
        var fromImage = await backend.CreateAsync(Caller, Compute(saved.Id), None);
        Assert.That(State(fromImage), Is.EqualTo("active"), "a compute made from the image boots like any other");
    }

    [Test]
    public async Task A_saved_image_name_with_commas_gives_a_title_without_them()
    {
        var backend = Cloud.Open();
        var vm = await backend.CreateAsync(Caller, Compute(), None);

        await Invoke(backend, vm, ComputeKind.Save, Named("web, db, cache"));

        // The title shows in the query interface, which rOCCI-cli reads in text/occi splitting on every comma.
        var saved = (await backend.DescribeAsync(None)).Mixins.Single(m => m.Term == "web-db-cache");
        Assert.That(saved.Title, Is.EqualTo("web; db; cache"));
    }

    [Test]
    public async Task Saving_twice_under_one_name_or_without_a_name_gives_distinct_templates()
    {
        var backend = Cloud.Open();
        var vm = await backend.CreateAsync(Caller, Compute(), None);
        var before = await OsTermsAsync(backend);

        await Invoke(backend, vm, ComputeKind.Save, Named("nightly"));
        await Invoke(backend, vm, ComputeKind.Save, Named("nightly"));
        await Invoke(backend, vm, ComputeKind.Save, Named("debian-12")); // a configured template's term
        await Invoke(backend, vm, ComputeKind.Save);

        var added = (await OsTermsAsync(backend)).Except(before).ToArray();
        Assert.That(added, Is.EqualTo(new[] { "nightly", "nightly-2", "debian-12-2", "image-" + vm.BackendId }));
    }

    [Test]
    public async Task Saved_images_are_still_offered_after_a_restart()
    {
        var backend = Cloud.Open();
        var vm = await backend.CreateAsync(Caller, Compute(), None);
        await Invoke(backend, vm, ComputeKind.Save, Named("kept"));

        backend = Cloud.Reopen(backend);

        Assert.That(await OsTermsAsync(backend), Does.Contain("kept"));
    }

    [Test]
    public async Task A_save_the_state_forbids_makes_no_image()
    {
        var backend = Cloud.Open();
        var vm = await backend.CreateAsync(Caller, Compute(), None);
        await Invoke(backend, vm, ComputeKind.Suspend);
        var before = await OsTermsAsync(backend);

        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(backend, vm, ComputeKind.Save, Named("refused")))!;

        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(await OsTermsAsync(backend), Is.EqualTo(before));
    }
}
