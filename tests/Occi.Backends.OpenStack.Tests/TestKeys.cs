namespace Occi.Backends.OpenStack.Tests;

/// <summary>A public key for contextualization tests (its private half was thrown away).</summary>
internal static class TestKeys
{
    public const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKTr5uTyS7F0HVf9+ng6E3WgvYI1CD1wklb9PbWf9R29 occi-test";
}
