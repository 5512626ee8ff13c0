namespace Occi.Backends.Local;

/// <summary>The backend operations a failure can be injected into.</summary>
internal enum LocalOperation
{
    Create,
    Refresh,
    Update,
    Delete,
    Invoke,
    Inventory,
}
