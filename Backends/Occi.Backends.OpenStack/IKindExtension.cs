using Occi.Backends.OpenStack.Identity;
using Occi.Core.Model;

namespace Occi.Backends.OpenStack;

/// <summary>
/// More that OpenStack does to an entity of a kind another translator serves, when a mixin of another service
/// says so: a compute's security group mixins are Neutron's (Network/SecurityGroups), its server Nova's.
/// <see cref="OpenStackBackend"/> asks every extension of the entity's kind around the translator's create and update.
/// </summary>
internal interface IKindExtension
{
    CategoryId Kind { get; }

    /// <summary>Before the create: refuses (400) what the extension cannot do, so nothing is made in the cloud for it.</summary>
    Task CheckAsync(ICredential credential, Entity entity, CancellationToken ct);

    /// <summary>After the create (<paramref name="created"/>) or an update, with the entity's backend id set.</summary>
    Task ApplyAsync(ICredential credential, Entity entity, bool created, CancellationToken ct);
}
