namespace Coordinator.Iis.Tests.Support;

/// <summary>Operations for the tests: plain ones, and ones whose names carry quotes, spaces and PowerShell syntax.</summary>
public static class Samples
{
    /// <summary>A name with a single quote, typographic quotes, a space, <c>$</c>, a backtick, <c>$( )</c>, <c>%</c>, <c>;</c> and <c>&amp;</c>.</summary>
    public const string NastyName = "O'Brien’s ‘Shop’ $env:windir `n $(whoami) %PATH%; & x";

    public const string NastyPath = @"C:\inet pub\O'Brien’s $(whoami) %TEMP%";

    public static EnsureAppPool Pool(string name = "Shop") =>
        new(name, EnsureAppPool.ClrV4, ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity);

    public static EnsureSite Site(string name = "Shop", string physicalPath = @"C:\inetpub\shop", string pool = "Shop") =>
        new(name, physicalPath, [new IisBinding("http", "*", 80, "shop.example.com"), new IisBinding("https", "*", 443)], pool);

    public static EnsureApplication Application(string site = "Shop", string path = "/api", string physicalPath = @"C:\inetpub\shop-api", string pool = "Shop") =>
        new(site, path, physicalPath, pool);

    /// <summary>One of every operation, with the given name and path.</summary>
    public static IReadOnlyList<IisOperation> Every(string name, string path) =>
    [
        Pool(name),
        new EnsureAppPool(name, EnsureAppPool.NoManagedCode, ManagedPipelineMode.Classic, AppPoolIdentity.NetworkService),
        Site(name, path, name),
        new EnsureSite(name, path, [new IisBinding("https", "::1", 8443, "*.example.com")], name),
        Application(name, "/a b/" + name.Replace('/', '_'), path + @"\api", name),
        new RemoveSite(name),
        new RemoveUnderPath(path),
    ];
}
