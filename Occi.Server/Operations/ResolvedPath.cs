using Occi.Core.Model;

namespace Occi.Server.Operations;

/// <summary>What a request path names in the OCCI name-space (resolved by Http/PathResolver): which operation class takes the request.</summary>
internal enum PathTarget
{
    /// <summary>/-/ or /.well-known/org/ogf/occi/-/</summary>
    QueryInterface,
    /// <summary>The location of a kind ("/compute/").</summary>
    KindCollection,
    /// <summary>The location of a mixin ("/mixin/os_tpl/", a user mixin's location).</summary>
    MixinCollection,
    /// <summary>A path ending in '/' that no category owns: lists or deletes what lies below it. "/" is one.</summary>
    Namespace,
    /// <summary>Anything else: an entity's location, existing or to be created by PUT.</summary>
    Entity,
}

internal readonly record struct ResolvedPath(PathTarget Target, string Path, Category? Category = null);
