using Coordinator.Iis;

namespace Coordinator.IisGateTests.Support;

/// <summary>The tests' IIS writes: names unique to the test that makes them, so tests sharing a host do not meet.</summary>
public static class Writes
{
    public static EnsureAppPool Pool(string name) =>
        new(name, EnsureAppPool.ClrV4, ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity);

    /// <summary>A site in the pool every fresh IIS has, so it does not depend on another write having run first.</summary>
    public static EnsureSite Site(string name, int port) =>
        new(name, $@"C:\inetpub\{name}", [new IisBinding("http", "*", port, $"{name.ToLowerInvariant()}.example.com")], "DefaultAppPool");

    /// <summary>The name an operation makes exist.</summary>
    public static string NameOf(IisOperation operation) => operation switch
    {
        EnsureAppPool pool => pool.Name,
        EnsureSite site => site.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Description, "the tests only ensure pools and sites"),
    };

    /// <summary>A short prefix of the test's own, safe in IIS names and host headers.</summary>
    public static string NewPrefix(string what) => $"{what}-{Guid.NewGuid():N}"[..(what.Length + 9)];
}
