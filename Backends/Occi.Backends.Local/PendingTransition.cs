using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Backends.Local;

/// <summary>
/// An action under way, or (<see cref="Action"/> null) a new entity coming up by itself: until <see cref="DueUtc"/>
/// the entity keeps its old state and shows <see cref="Message"/> as its state message; from then on it is in
/// <see cref="To"/> with <see cref="Changes"/> applied.
/// Due times are absolute, so a transition journaled before a restart completes on time after it.
/// </summary>
internal sealed record PendingTransition(CategoryId? Action, string To, DateTimeOffset DueUtc, string Message,
    KeyValuePair<string, AttributeValue>[] Changes);
