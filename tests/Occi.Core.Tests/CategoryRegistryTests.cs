using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Tests;

public class CategoryRegistryTests
{
    private const string S = "http://example.org/r#";

    [Test]
    public void Core_kinds_are_present_in_an_empty_registry()
    {
        var snapshot = new CategoryRegistry([]).Current;
        Assert.That(snapshot.Categories, Is.EquivalentTo(CoreCategories.All));
        Assert.That(snapshot.Version, Is.EqualTo(1));
    }

    [Test]
    public void Closure_brings_a_kinds_parent_chain_and_actions()
    {
        var parent = new Kind(S, "parent", parent: CoreCategories.Resource);
        var reboot = new OcciAction("http://example.org/r/action#", "reboot");
        var child = new Kind(S, "child", parent: parent, location: "/child/", actions: [reboot]);
        var snapshot = new CategoryRegistry([child]).Current;
        Assert.That(snapshot.Find(parent.Id), Is.SameAs(parent));
        Assert.That(snapshot.FindAction(reboot.Id), Is.SameAs(reboot));
    }

    [Test]
    public void Closure_brings_a_mixins_depends_and_actions()
    {
        var tpl = new Mixin(S, "tpl");
        var snap = new OcciAction("http://example.org/r/action#", "snap");
        var small = new Mixin(S, "small", depends: [tpl], actions: [snap]);
        var snapshot = new CategoryRegistry([small]).Current;
        Assert.That(snapshot.FindMixin(tpl.Id), Is.SameAs(tpl));
        Assert.That(snapshot.FindAction(snap.Id), Is.SameAs(snap));
    }

    [Test]
    public void Adding_a_mixin_that_depends_on_a_known_one_keeps_the_order_of_what_was_there()
    {
        var tpl = new Mixin(S, "tpl");
        var other = new Mixin(S, "other");
        var registry = new CategoryRegistry([tpl, other]);
        var before = registry.Current.Categories.ToList();
        var image = new Mixin(S, "image", depends: [tpl]);
        registry.Add(image);
        Assert.That(registry.Current.Categories.Take(before.Count), Is.EqualTo(before), "tpl stays where it was");
        Assert.That(registry.Current.Categories.Last(), Is.SameAs(image));
    }

    [Test]
    public void A_replaced_category_keeps_its_place()
    {
        var first = new Mixin(S, "first", title: "one");
        var registry = new CategoryRegistry([first, new Mixin(S, "second")]);
        var index = registry.Current.Categories.ToList().IndexOf(first);
        var retitled = new Mixin(S, "first", title: "two");
        registry.Add(retitled);
        Assert.That(registry.Current.Categories.ToList().IndexOf(retitled), Is.EqualTo(index));
    }

    [Test]
    public void Add_also_brings_the_closure()
    {
        var registry = new CategoryRegistry([]);
        registry.Add(TestModel.Small);
        Assert.That(registry.Current.FindMixin(TestModel.Base.Id), Is.SameAs(TestModel.Base));
        Assert.That(registry.Current.Find(TestModel.Machine.Id), Is.Null, "applies names a kind; it does not add one");
    }

    [Test]
    public void Adding_a_category_again_replaces_it_without_duplicates()
    {
        var registry = new CategoryRegistry([TestModel.Tag]);
        var again = new Mixin(TestModel.Tag.Scheme, TestModel.Tag.Term, "Renamed", TestModel.Tag.Location, isUserDefined: true);
        registry.Add(again);
        Assert.That(registry.Current.Find(TestModel.Tag.Id), Is.SameAs(again));
        Assert.That(registry.Current.Categories.Count(c => c.Id == TestModel.Tag.Id), Is.EqualTo(1));
    }

    [Test]
    public void Adding_a_mixin_with_the_identity_of_a_kind_is_a_conflict()
    {
        var registry = TestModel.Registry();
        var clash = new Mixin(TestModel.Machine.Scheme, TestModel.Machine.Term, location: "/elsewhere/");
        var e = Assert.Throws<OcciException>(() => registry.Add(clash))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Does.Contain("kind"));
    }

    [Test]
    public void A_refused_add_leaves_the_snapshot_and_version_unchanged()
    {
        var registry = TestModel.Registry();
        var before = registry.Current;
        var fine = new Mixin(S, "fine", location: "/fine/");
        var clash = new Mixin(S, "clash", location: "/machine/");
        Assert.Throws<OcciException>(() => registry.Add(fine, clash));
        Assert.That(registry.Current, Is.SameAs(before));
        Assert.That(registry.Current.Find(fine.Id), Is.Null);
    }

    [Test]
    public void Every_change_increments_the_version()
    {
        var registry = TestModel.Registry();
        var v0 = registry.Current.Version;
        registry.Add(new Mixin(S, "one", location: "/one/"));
        Assert.That(registry.Current.Version, Is.EqualTo(v0 + 1));
        registry.Remove(CategoryId.Parse(S + "one"));
        Assert.That(registry.Current.Version, Is.EqualTo(v0 + 2));
    }

    [Test]
    public void Removing_nothing_changes_nothing()
    {
        var registry = TestModel.Registry();
        var before = registry.Current;
        var raised = 0;
        registry.Changed += _ => raised++;
        Assert.That(registry.Remove(CategoryId.Parse(S + "absent")), Is.False);
        Assert.That(registry.Current, Is.SameAs(before));
        Assert.That(raised, Is.Zero);
    }

    [Test]
    public void Changed_is_raised_with_the_new_snapshot_on_add_and_remove()
    {
        var registry = TestModel.Registry();
        var seen = new List<CategorySnapshot>();
        registry.Changed += seen.Add;
        var m = new Mixin(S, "evt", location: "/evt/");
        registry.Add(m);
        registry.Remove(m.Id);
        Assert.That(seen, Has.Count.EqualTo(2));
        Assert.That(seen[0].Find(m.Id), Is.SameAs(m));
        Assert.That(seen[1], Is.SameAs(registry.Current));
        Assert.That(seen[1].Find(m.Id), Is.Null);
    }

    [Test]
    public void A_snapshot_taken_before_a_removal_still_answers_as_before()
    {
        var registry = TestModel.Registry();
        var before = registry.Current;
        registry.Remove(TestModel.Tag.Id);
        Assert.That(before.Find(TestModel.Tag.Id), Is.SameAs(TestModel.Tag));
        Assert.That(before.FindByLocation("/tags/blue/"), Is.SameAs(TestModel.Tag));
        Assert.That(before.Mixins, Does.Contain(TestModel.Tag));
    }

    [Test]
    public void TryUpdate_removes_and_adds_in_one_change_while_the_registry_is_the_snapshot_it_was_given()
    {
        var old = new Mixin(S, "old", location: "/place/", isUserDefined: true);
        var registry = new CategoryRegistry([old]);
        var basedOn = registry.Current;
        var renamed = new Mixin(S, "new", location: "/place/", isUserDefined: true); // the freed location, taken in the same change
        var changes = 0;
        registry.Changed += _ => changes++;

        Assert.That(registry.TryUpdate(basedOn, [old.Id], [renamed]), Is.True);

        Assert.That(registry.Current.Version, Is.EqualTo(basedOn.Version + 1));
        Assert.That(registry.Current.Find(old.Id), Is.Null);
        Assert.That(registry.Current.FindByLocation("/place/"), Is.SameAs(renamed));
        Assert.That(changes, Is.EqualTo(1));
    }

    [Test]
    public void TryUpdate_on_a_stale_snapshot_changes_nothing()
    {
        var registry = new CategoryRegistry([]);
        var stale = registry.Current;
        var added = new Mixin(S, "meanwhile", location: "/meanwhile/", isUserDefined: true);
        registry.Add(added);
        var current = registry.Current;

        Assert.That(registry.TryUpdate(stale, [added.Id], [new Mixin(S, "other", location: "/other/")]), Is.False);

        Assert.That(registry.Current, Is.SameAs(current));
        Assert.That(registry.Current.Find(added.Id), Is.SameAs(added));
    }

    [Test]
    public void A_removed_location_can_be_reused()
    {
        var registry = TestModel.Registry();
        registry.Remove(TestModel.Tag.Id);
        var other = new Mixin(S, "green", location: "/tags/blue/");
        Assert.That(() => registry.Add(other), Throws.Nothing);
        Assert.That(registry.Current.FindByLocation("/tags/blue/"), Is.SameAs(other));
    }

    [Test, CancelAfter(20000)]
    public void Readers_see_consistent_snapshots_while_a_writer_adds()
    {
        var registry = TestModel.Registry();
        const int adds = 200;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            long lastVersion = 0, reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                var s = registry.Current;
                if (s.Version < lastVersion) return $"version went back from {lastVersion} to {s.Version}";
                lastVersion = s.Version;
                foreach (var m in s.Mixins)
                    if (s.Find(m.Id) is null || (m.Location is { } l && s.FindByLocation(l) != m)) return $"{m.Id} missing from its own snapshot";
                if (s.Find(TestModel.Machine.Id) is null) return "machine vanished";
                reads++;
            }
            return null;
        })).ToArray();
        for (var i = 0; i < adds; i++) registry.Add(new Mixin(S, $"tag{i}", location: $"/tags/t{i}/", isUserDefined: true));
        stop.Cancel();
        Task.WaitAll(readers);
        Assert.That(readers.Select(r => r.Result), Is.All.Null);
        Assert.That(registry.Current.Mixins.Count(m => m.Scheme == S), Is.EqualTo(adds));
    }
}
