using System.Collections.Concurrent;

namespace Occi.Backends.OpenStack.Templates;

/// <summary>
/// Which Glance image an appliance's os_tpl term boots now (issue 16): the server publishes an appliance under a
/// term that outlives its images (uuid_&lt;AppDB id&gt;), while Nova wants the image id, which each update changes.
/// Appliances/ keeps it (at each registration, and from Glance at every reconciliation); a compute's create reads it.
/// </summary>
internal sealed class ApplianceImageIds
{
    private volatile ConcurrentDictionary<string, string> _byTerm = new(StringComparer.Ordinal);

    public string? Find(string term) => _byTerm.GetValueOrDefault(term);

    public void Set(string term, string imageId) => _byTerm[term] = imageId;

    public void Forget(string term) => _byTerm.TryRemove(term, out _);

    /// <summary>All at once, as Glance has them: a term no longer there is forgotten.</summary>
    public void Replace(IEnumerable<KeyValuePair<string, string>> current) => _byTerm = new(current, StringComparer.Ordinal);
}
