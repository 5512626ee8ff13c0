namespace Occi.Backends.OpenStack.Identity;

/// <summary>What a request to OpenStack is authenticated with: the caller's own Keystone token, or an account's session.</summary>
internal interface ICredential
{
    /// <summary>A token that is valid now, with its catalog; an account renews it first when it is about to expire.</summary>
    ValueTask<KeystoneToken> TokenAsync(CancellationToken ct);

    /// <summary>
    /// A service answered 401 to <paramref name="refused"/>: an account forgets it (so the next <see cref="TokenAsync"/>
    /// gets a new one) and returns true; a caller's own token cannot be renewed here and returns false.
    /// </summary>
    bool Forget(KeystoneToken refused);
}
