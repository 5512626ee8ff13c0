using Occi.Backends.OpenStack;

namespace Occi.Backends.Synnefo;

/// <summary>
/// One OCCI kind's mapping onto one Synnefo service: the OpenStack backend's <see cref="IKindTranslator"/> contract
/// (credential per call, mixins at each model refresh), registered under this type of its own so that a container
/// holding both backends gives each only its own translators. <see cref="SynnefoBackend"/> dispatches by kind to
/// them: compute ↔ Cyclades server (Compute/); synb's Network/, Storage/ register theirs the same way.
/// </summary>
internal interface ISynnefoTranslator : IKindTranslator;
