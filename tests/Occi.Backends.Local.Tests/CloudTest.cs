namespace Occi.Backends.Local.Tests;

/// <summary>Base of the backend tests: a fresh simulated cloud (its own data folder) for every test.</summary>
public abstract class CloudTest
{
    private protected TestCloud Cloud { get; private set; } = null!;

    [SetUp]
    public void CreateCloud() => Cloud = new TestCloud();

    [TearDown]
    public void DisposeCloud() => Cloud.Dispose();
}
