namespace Occi.Server.Auth;

/// <summary>The schemes Occi:Auth:Schemes switched on, in the order they are tried, and the challenges a 401 carries.</summary>
internal sealed class EnabledAuthSchemes
{
    private readonly IReadOnlyList<IAuthScheme> _schemes;
    private readonly IServiceProvider _services;
    private AuthChallenge[]? _challenges;

    public EnabledAuthSchemes(IReadOnlyList<IAuthScheme> schemes, IServiceProvider services)
    {
        _schemes = schemes;
        _services = services;
        Names = schemes.Select(s => s.Name).ToArray();
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>False for None: every request is the anonymous caller of the single tenant.</summary>
    public bool Any => Names.Count > 0;

    /// <summary>
    /// WWW-Authenticate values, one per scheme that has one, or the one that must go alone; a value that names this
    /// server made absolute for the request.
    /// </summary>
    public IReadOnlyList<string> ChallengesFor(HttpRequest request) =>
        (_challenges ??= Build()).Select(c => c.ForRequest is { } make ? make(request) : c.Value).ToArray();

    private AuthChallenge[] Build()
    {
        var challenges = _schemes.Select(s => s.Challenge(_services)).OfType<AuthChallenge>().ToArray();
        return challenges.FirstOrDefault(c => c.Alone) is { } alone ? [alone] : challenges;
    }
}
