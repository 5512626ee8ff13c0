using Occi.Core.Model;

namespace Occi.Infrastructure.States;

/// <summary>One row of a state machine: in <see cref="From"/>, <see cref="Action"/> leads to <see cref="To"/>.</summary>
public sealed record StateTransition(CategoryId Kind, string From, CategoryId Action, string To);
