namespace Occi.Server.Backends;

/// <summary>
/// How an entity remembers its provider (issue 19): with several providers, the backend id the store keeps is
/// <c>{provider}:{the backend's own id}</c>, so the provider is persisted with the record, survives a restart and is
/// indexed as the backend id is (the change follower finds entities by it). A provider's name holds no ':', so the
/// first ':' ends it. An id without a known provider's prefix (stored while <c>Occi:Backend</c> named the one
/// backend) belongs to the default provider. <see cref="ProviderSet.NamedIn"/> reads one.
/// </summary>
internal static class QualifiedBackendId
{
    public static string Of(string provider, string backendId) => string.Concat(provider, ":", backendId);
}
