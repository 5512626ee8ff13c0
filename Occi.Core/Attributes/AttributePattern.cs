using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Occi.Core.Attributes;

/// <summary>
/// An attribute's pattern (GFD.221 §5.1) compiled once for every definition that carries the same text:
/// user mixins come from clients, and the model refresh reads the stored ones again every few seconds,
/// so the regular expression is built once per pattern, not per definition, refresh or request.
/// <para>Patterns run on .NET's non-backtracking engine, whose matching time grows linearly with the value,
/// so a hostile pattern such as <c>(a+)+$</c> cannot stall a request. That engine has no backreferences,
/// lookarounds, atomic groups, conditionals or \G, and refuses patterns whose automaton would pass its size
/// limit (<c>(a{1000}){1000}</c>); such a pattern runs on the backtracking engine bounded by
/// <see cref="BacktrackingTimeout"/> instead, with <see cref="NeedsBacktracking"/> saying why, so that
/// patterns stored or offered by a backend before keep working while a client's new user mixin with such a
/// pattern is refused (400).</para>
/// </summary>
internal sealed class AttributePattern
{
    /// <summary>Bound on one match of a pattern the linear engine cannot run.</summary>
    public static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Past this many distinct patterns the cache starts afresh; definitions keep the ones they hold.</summary>
    private const int CacheCapacity = 1024;

    private static readonly ConcurrentDictionary<string, AttributePattern> Cache = new(StringComparer.Ordinal);

    private AttributePattern(Regex wholeValue, string? needsBacktracking)
    {
        WholeValue = wholeValue;
        NeedsBacktracking = needsBacktracking;
    }

    /// <summary>The pattern anchored to the whole value.</summary>
    public Regex WholeValue { get; }

    /// <summary>Why the pattern cannot run on the linear engine (the construct it uses, or its size); null when it does.</summary>
    public string? NeedsBacktracking { get; }

    /// <summary>The compiled pattern; throws <see cref="ArgumentException"/> when the text is no regular expression.</summary>
    public static AttributePattern Of(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var known)) return known;
        var built = Build(pattern);
        if (Cache.Count >= CacheCapacity) Cache.Clear();
        return Cache.GetOrAdd(pattern, built);
    }

    /// <summary>
    /// It must be a regular expression on its own first: "a)|(b" would otherwise close the anchoring group
    /// early and leave "(b" unanchored. \A and \z, not ^ and $, since $ also matches before a final newline.
    /// </summary>
    private static AttributePattern Build(string pattern)
    {
        _ = new Regex(pattern, RegexOptions.CultureInvariant); // parses only; ArgumentException when it is none
        var anchored = @"\A(?:" + pattern + @")\z";
        try
        {
            return new AttributePattern(new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking), null);
        }
        catch (NotSupportedException e)
        {
            return new AttributePattern(new Regex(anchored, RegexOptions.CultureInvariant, BacktrackingTimeout), e.Message);
        }
    }
}
