namespace Occi.Fuzz;

/// <summary>
/// Well-formed requests over every route of the OCCI HTTP interface (GFD.185 / GFD.223): the query
/// interface, kind and mixin collections, entities and links, actions on one and on all, name-space paths
/// and POST on "/". Each is written in a media type picked at random; the mutator then damages it.
/// </summary>
public sealed class RequestCorpus(Random random, FuzzPool pool)
{
    private static readonly string[] ComputeActions = ["start", "stop", "restart", "suspend", "save"];
    private static readonly string[] Accepts =
        ["text/plain", "text/occi", "application/occi+json", "application/json", "text/uri-list", "*/*", "text/plain,text/occi", "text/occi;q=0.5, application/occi+json"];

    private delegate FuzzRequest Template();

    private (string Name, Template Make)[] Templates => _templates ??=
    [
        ("query-get", QueryGet), ("mixin-define", MixinDefine), ("mixin-remove", MixinRemove),
        ("collection-get", CollectionGet), ("create", Create), ("create-link", CreateLink), ("collection-action", CollectionAction),
        ("entity-get", EntityGet), ("entity-update", EntityUpdate), ("entity-replace", EntityReplace), ("put-create", PutCreate),
        ("entity-delete", EntityDelete), ("entity-action", EntityAction), ("membership", Membership),
        ("namespace", Namespace), ("root-post", RootPost), ("collection-delete", CollectionDelete),
    ];
    private (string, Template)[]? _templates;

    /// <summary>Every route the corpus makes requests for.</summary>
    public static IReadOnlyList<string> RouteNames { get; } = new RequestCorpus(new Random(0), new FuzzPool()).Templates.Select(t => t.Name).ToArray();

    public FuzzRequest Next()
    {
        // Collection DELETEs empty whole kinds: rare, so that the pool has members to aim at most of the time.
        var (name, make) = Templates[random.Next(Templates.Length)];
        if (name == "collection-delete" && random.Next(8) != 0) (name, make) = Templates[0];
        return make();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    private string Media() => Pick(OcciContent.Media[..4]);

    private FuzzRequest New(string route, string method, string target, string? touched = null)
    {
        var r = new FuzzRequest { Route = route, Method = method, Target = target, Touched = touched };
        r.Headers.Add(("Accept", Pick(Accepts)));
        return r;
    }

    private string KindTerm(string path) => FuzzPool.Kinds.First(k => k.Path == path).Term;

    private FuzzRequest QueryGet()
    {
        var r = New("query-get", "GET", Pick(["/-/", "/.well-known/org/ogf/occi/-/"]));
        if (random.Next(2) == 0) new OcciContent().Kind(Pick(FuzzPool.Kinds).Term).Apply(r, Media());
        return r;
    }

    private FuzzRequest MixinDefine()
    {
        var term = "fz" + random.Next(1000);
        var r = New("mixin-define", "POST", "/-/");
        new OcciContent().Mixin(term, FuzzPool.UserScheme, $"/{term}/").Apply(r, Media());
        return r;
    }

    private FuzzRequest MixinRemove()
    {
        var term = pool.UserMixins.Count > 0 ? Pick(pool.UserMixins) : "fz-none";
        var r = New("mixin-remove", "DELETE", "/-/");
        new OcciContent().Mixin(term, FuzzPool.UserScheme).Apply(r, Media());
        return r;
    }

    private FuzzRequest CollectionGet()
    {
        var path = random.Next(4) == 0 && pool.UserMixins.Count > 0 ? $"/{Pick(pool.UserMixins)}/" : Pick(FuzzPool.Kinds).Path;
        var query = random.Next(3) == 0 ? $"?page={random.Next(3)}&number={random.Next(1, 5)}" : "";
        var r = New("collection-get", "GET", path + query);
        if (random.Next(3) == 0) new OcciContent().Attribute("occi.core.title", "t" + random.Next(5)).Apply(r, Media());
        return r;
    }

    private OcciContent ResourceContent(string kindPath)
    {
        var c = new OcciContent().Kind(KindTerm(kindPath)).Attribute("occi.core.title", "t" + random.Next(5));
        switch (kindPath)
        {
            case "/compute/":
                if (random.Next(2) == 0) c.Attribute("occi.compute.cores", (long)random.Next(1, 8));
                if (random.Next(2) == 0) c.Attribute("occi.compute.memory", random.Next(1, 16) / 2.0);
                if (random.Next(3) == 0 && pool.Pick(random, "/network/") is { } network) c.Link(network, "networkinterface");
                break;
            case "/storage/":
                c.Attribute("occi.storage.size", random.Next(1, 100) / 2.0);
                break;
        }
        if (random.Next(4) == 0 && pool.UserMixins.Count > 0) c.Mixin(Pick(pool.UserMixins), FuzzPool.UserScheme);
        return c;
    }

    private FuzzRequest Create()
    {
        var path = Pick(FuzzPool.Kinds[..3]).Path;
        var r = New("create", "POST", path);
        ResourceContent(path).Apply(r, Media());
        return r;
    }

    private OcciContent LinkContent(string kindPath, string? source)
    {
        var storageLink = kindPath == "/link/storagelink/";
        var target = pool.Pick(random, storageLink ? "/storage/" : "/network/") ?? (storageLink ? "/storage/none" : "/network/none");
        return new OcciContent().Kind(KindTerm(kindPath))
            .Attribute("occi.core.source", source ?? pool.Pick(random, "/compute/") ?? "/compute/none")
            .Attribute("occi.core.target", target);
    }

    private FuzzRequest CreateLink()
    {
        var path = Pick(FuzzPool.Kinds[3..]).Path;
        var r = New("create-link", "POST", path);
        LinkContent(path, null).Apply(r, Media());
        return r;
    }

    private FuzzRequest CollectionAction()
    {
        var term = Pick(ComputeActions);
        var r = New("collection-action", "POST", "/compute/?action=" + term, "/compute/");
        var c = new OcciContent().Action("compute", term);
        if (term == "stop") c.Attribute("method", Pick(["graceful", "acpioff", "poweroff"]));
        c.Apply(r, Media());
        return r;
    }

    private string Entity() => pool.PickAny(random) ?? "/compute/none";

    private FuzzRequest EntityGet() => New("entity-get", "GET", Entity());

    private FuzzRequest EntityUpdate()
    {
        var target = Entity();
        var r = New("entity-update", "POST", target, target);
        var c = new OcciContent().Attribute("occi.core.title", "u" + random.Next(5));
        if (random.Next(3) == 0 && pool.UserMixins.Count > 0) c.Mixin(Pick(pool.UserMixins), FuzzPool.UserScheme);
        if (random.Next(4) == 0 && target.StartsWith("/compute/", StringComparison.Ordinal) && pool.Pick(random, "/network/") is { } network) c.Link(network, "networkinterface");
        c.Apply(r, Media());
        return r;
    }

    private FuzzRequest EntityReplace()
    {
        var target = Entity();
        var r = New("entity-replace", "PUT", target, target);
        var kindPath = FuzzPool.Kinds.FirstOrDefault(k => target.StartsWith(k.Path, StringComparison.Ordinal)).Path ?? "/compute/";
        (kindPath.StartsWith("/link/", StringComparison.Ordinal) ? LinkContent(kindPath, null) : ResourceContent(kindPath)).Apply(r, Media());
        return r;
    }

    private FuzzRequest PutCreate()
    {
        var kindPath = Pick(FuzzPool.Kinds[..3]).Path;
        var target = kindPath + "fz-" + random.Next(100_000);
        var r = New("put-create", "PUT", target, target);
        ResourceContent(kindPath).Apply(r, Media());
        return r;
    }

    private FuzzRequest EntityDelete()
    {
        var target = Entity();
        return New("entity-delete", "DELETE", target, target);
    }

    private FuzzRequest EntityAction()
    {
        var target = pool.Pick(random, random.Next(3) == 0 ? "/storage/" : "/compute/") ?? "/compute/none";
        var kind = target.StartsWith("/storage/", StringComparison.Ordinal) ? "storage" : "compute";
        var term = kind == "storage" ? Pick(["online", "offline", "backup", "snapshot", "resize"]) : Pick(ComputeActions);
        var r = New("entity-action", "POST", $"{target}?action={term}", target);
        var c = new OcciContent().Action(kind, term);
        if (term == "resize") c.Attribute("size", random.Next(1, 50) / 2.0);
        c.Apply(r, Media());
        return r;
    }

    private FuzzRequest Membership()
    {
        var term = pool.UserMixins.Count > 0 ? Pick(pool.UserMixins) : "fz-none";
        var collection = $"/{term}/";
        var r = New("membership", Pick(["POST", "PUT", "DELETE", "GET"]), collection, collection);
        var c = new OcciContent();
        for (var i = random.Next(1, 3); i > 0; i--) c.Location(Entity());
        c.Apply(r, Pick(OcciContent.Media));
        return r;
    }

    private FuzzRequest Namespace()
    {
        var path = Pick(["/", "/link/", "/fzns/", "/fzns/a/", "/nope/"]);
        var method = Pick(["GET", "GET", "GET", "DELETE", "PUT"]);
        if (method == "PUT") path = "/fzns/" + random.Next(1000);
        var r = New("namespace", method, path, path);
        if (method == "PUT") ResourceContent("/compute/").Apply(r, Media());
        return r;
    }

    private FuzzRequest RootPost()
    {
        var r = New("root-post", "POST", "/", "/");
        ResourceContent(Pick(FuzzPool.Kinds[..3]).Path).Apply(r, Media());
        return r;
    }

    private FuzzRequest CollectionDelete()
    {
        var path = Pick(FuzzPool.Kinds).Path;
        return New("collection-delete", "DELETE", path, path);
    }
}
