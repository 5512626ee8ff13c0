using Occi.Core.Model;

namespace Occi.Core.BackendContracts;

/// <summary>The backend's object <paramref name="BackendId"/>, standing for an entity of <paramref name="Kind"/>, changed in the cloud.</summary>
public readonly record struct BackendChange(CategoryId Kind, string BackendId);
