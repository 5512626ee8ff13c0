using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Contract;

/// <summary>What every <see cref="ICategoryStore"/> must do: keep the user mixins put, replaced and deleted.</summary>
public abstract class CategoryStoreContract<TStore> : StoreContract<TStore> where TStore : IStoreUnderTest, new()
{
    [Test]
    public async Task User_mixins_are_listed_after_put_and_gone_after_delete()
    {
        var blue = new Mixin(Blue.Scheme, Blue.Term, "Blue", "/mixins/blue/", isUserDefined: true);
        var red = new Mixin(Red.Scheme, Red.Term, "Red", "/mixins/red/", depends: [blue], isUserDefined: true);
        await Categories.PutUserMixinAsync(blue, None);
        await Categories.PutUserMixinAsync(red, None);

        var listed = await Categories.ListUserMixinsAsync(None);
        Assert.That(listed.Select(m => (m.Id, m.Location, m.Title, m.IsUserDefined)).OrderBy(m => m.Id.Term),
            Is.EqualTo(new[] { (Blue, (string?)"/mixins/blue/", (string?)"Blue", true), (Red, "/mixins/red/", "Red", true) }));
        Assert.That(listed.Single(m => m.Id == Red).Depends.Single().Id, Is.EqualTo(Blue));

        Assert.That(await Categories.DeleteUserMixinAsync(Blue, None), Is.True);
        Assert.That(await Categories.DeleteUserMixinAsync(Blue, None), Is.False);
        Assert.That((await Categories.ListUserMixinsAsync(None)).Select(m => m.Id), Is.EqualTo(new[] { Red }));
    }

    [Test]
    public async Task Putting_a_user_mixin_again_replaces_it()
    {
        await Categories.PutUserMixinAsync(new Mixin(Blue.Scheme, Blue.Term, "Blue", "/mixins/blue/", isUserDefined: true), None);
        await Categories.PutUserMixinAsync(new Mixin(Blue.Scheme, Blue.Term, "Navy", "/mixins/blue/", isUserDefined: true), None);
        Assert.That((await Categories.ListUserMixinsAsync(None)).Single().Title, Is.EqualTo("Navy"));
    }

    [Test]
    public async Task Runtime_kinds_and_actions_are_listed_with_their_providers_after_put_and_gone_after_delete()
    {
        var ping = new OcciAction("http://example.org/occi/sensor/action#", "ping", "Ping",
            [new AttributeDefinition("count", AttributeType.Integer, mutable: true, required: false)])
        { IsRuntime = true };
        var sensor = new Kind("http://example.org/occi/sensor#", "sensor", "Sensor", CoreCategories.Resource, "/sensor/",
            [new AttributeDefinition("sensor.unit", AttributeType.String, mutable: true, required: true)], [ping])
        { IsRuntime = true };
        await Categories.PutRuntimeCategoryAsync(new RuntimeCategory(ping, ProviderAssignment.None), None);
        await Categories.PutRuntimeCategoryAsync(new RuntimeCategory(sensor, new ProviderAssignment(["dummy"], ["site-b"])), None);

        var listed = (await Categories.ListRuntimeCategoriesAsync(None)).ToDictionary(c => c.Id);
        var kind = (Kind)listed[sensor.Id].Definition;
        Assert.That((kind.Title, kind.Location, kind.Parent!.Id, kind.IsRuntime), Is.EqualTo(("Sensor", "/sensor/", CoreCategories.Resource.Id, true)));
        Assert.That(kind.Actions.Select(a => a.Id), Is.EqualTo(new[] { ping.Id }));
        Assert.That(kind.Attributes.Select(a => (a.Name, a.Required)), Is.EqualTo(new[] { ("sensor.unit", true) }));
        Assert.That((listed[sensor.Id].Providers.Local, listed[sensor.Id].Providers.Remote), Is.EqualTo((new[] { "dummy" }, new[] { "site-b" })));
        Assert.That(listed[ping.Id].Definition, Is.TypeOf<OcciAction>().And.Property(nameof(OcciAction.IsRuntime)).True);

        Assert.That(await Categories.DeleteRuntimeCategoryAsync(sensor.Id, None), Is.True);
        Assert.That(await Categories.DeleteRuntimeCategoryAsync(sensor.Id, None), Is.False);
        Assert.That((await Categories.ListRuntimeCategoriesAsync(None)).Select(c => c.Id), Is.EqualTo(new[] { ping.Id }));
    }
}
