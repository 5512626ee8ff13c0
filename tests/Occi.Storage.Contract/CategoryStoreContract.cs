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
}
