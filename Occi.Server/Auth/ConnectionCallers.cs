using Microsoft.AspNetCore.Connections.Features;
using Occi.Core.BackendContracts;
using Occi.Server.Auth.Basic;

namespace Occi.Server.Auth;

/// <summary>
/// The Basic caller a connection was last accepted as (issue 14: "checked once per connection"). A client sends the
/// same Authorization value on every request of a keep-alive connection; while the users file is the one that
/// accepted it, the next request with exactly that value is the same caller, without a scheme being run again.
/// Only Basic: its credentials are the same bytes each time, where a signature, a token or a certificate carries a
/// validity of its own that the scheme must look at per request.
/// </summary>
internal sealed class ConnectionCallers(IServiceProvider services)
{
    private static readonly object Key = new();
    private readonly BasicUsersSource? _basic = services.GetService<BasicUsersSource>();

    public bool TryGet(HttpContext http, out Caller caller)
    {
        caller = null!;
        if (_basic is null || http.Features.Get<IConnectionItemsFeature>()?.Items is not { } items
            || !items.TryGetValue(Key, out var value) || value is not Accepted accepted) return false;
        if (!ReferenceEquals(accepted.Users, _basic.Current) || !string.Equals(accepted.Authorization, http.Request.Headers.Authorization.ToString(), StringComparison.Ordinal))
        {
            items.Remove(Key);
            return false;
        }
        caller = accepted.Caller;
        return true;
    }

    /// <summary>Remembers a caller the Basic scheme accepted, against the users file that accepted it.</summary>
    public void Remember(HttpContext http, string scheme, Caller caller)
    {
        if (_basic is null || scheme != AuthSchemeNames.Basic || http.Features.Get<IConnectionItemsFeature>()?.Items is not { } items) return;
        items[Key] = new Accepted(http.Request.Headers.Authorization.ToString(), _basic.Current, caller);
    }

    private sealed record Accepted(string Authorization, BasicUsers Users, Caller Caller);
}
