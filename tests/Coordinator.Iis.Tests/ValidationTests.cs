using Coordinator.Iis.Tests.Support;

namespace Coordinator.Iis.Tests;

public sealed class ValidationTests
{
    static void Rejected(IisOperation operation, string expected)
    {
        var error = Assert.Throws<InvalidIisOperationException>(() => IisScripts.Render(operation, IisMutex.Default));
        Assert.Contains(error.Problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Double_quotes_control_characters_and_slashes_in_names_are_rejected()
    {
        Rejected(Samples.Pool("a\"b"), "double quote");
        Rejected(Samples.Pool("a\nb"), "control character");
        Rejected(Samples.Pool("a/b"), "must not contain '/'");
        Rejected(new RemoveSite(@"a\b"), "must not contain '/'");
        Rejected(new RemoveSite(" Shop"), "blank");
        Rejected(new RemoveSite(""), "empty");
    }

    [Fact]
    public void Paths_must_be_absolute_and_remove_under_path_refuses_a_drive_root()
    {
        Rejected(Samples.Site(physicalPath: @"inetpub\shop"), "absolute path");
        Rejected(Samples.Site(physicalPath: @"C:\a""b"), "double quote");
        Rejected(new RemoveUnderPath(@"C:\"), "drive root");
    }

    [Fact]
    public void Bindings_need_a_known_protocol_an_address_a_port_and_a_host_name()
    {
        Rejected(Samples.Site() with { Bindings = [new IisBinding("ftp", "*", 21)] }, "http or https");
        Rejected(Samples.Site() with { Bindings = [new IisBinding("http", "nowhere", 80)] }, "* or an IP address");
        Rejected(Samples.Site() with { Bindings = [new IisBinding("http", "*", 0)] }, "not a TCP port");
        Rejected(Samples.Site() with { Bindings = [new IisBinding("http", "*", 80, "a,b")] }, "host header");
        Rejected(Samples.Site() with { Bindings = [] }, "at least one binding");
        Rejected(Samples.Site() with { Bindings = [new IisBinding("http", "*", 80), new IisBinding("HTTP", "*", 80)] }, "more than once");
    }

    [Fact]
    public void Runtime_versions_and_virtual_paths_are_checked()
    {
        Rejected(Samples.Pool() with { ManagedRuntimeVersion = "v2.0" }, "v4.0");
        Rejected(Samples.Pool() with { PipelineMode = (ManagedPipelineMode)7 }, "pipeline mode");
        Rejected(Samples.Application(path: "/"), "virtual path");
        Rejected(Samples.Application(path: "api"), "virtual path");
        Rejected(Samples.Application(path: "/api/"), "virtual path");
    }

    [Fact]
    public void Values_are_normalised()
    {
        var site = (EnsureSite)IisOperationValidator.Validated(
            Samples.Site(physicalPath: @"C:\inetpub\shop\") with { Bindings = [new IisBinding("HTTPS", "[::1]", 443, "")] });
        var pool = (EnsureAppPool)IisOperationValidator.Validated(Samples.Pool() with { ManagedRuntimeVersion = "V4.0" });

        Assert.Equal(@"C:\inetpub\shop", site.PhysicalPath);
        Assert.Equal("https/[::1]:443:", Assert.Single(site.Bindings).ToAppcmd());
        Assert.Equal("v4.0", pool.ManagedRuntimeVersion);
    }

    [Fact]
    public void The_mutex_needs_a_name_and_a_positive_timeout()
    {
        Assert.Throws<InvalidIisOperationException>(() => IisScripts.Render(new RemoveSite("x"), new IisMutex(TimeSpan.Zero)));
        Assert.Throws<InvalidIisOperationException>(() => IisScripts.Render(new RemoveSite("x"), new IisMutex(@"Global\a\b", TimeSpan.FromSeconds(1))));
        Assert.Throws<InvalidIisOperationException>(() => IisScripts.Render(new RemoveSite("x"), new IisMutex("", TimeSpan.FromSeconds(1))));
        Assert.Equal((@"Global\ABCCodeDeploy", TimeSpan.FromMinutes(1)), (IisMutex.Default.Name, IisMutex.Default.Timeout));
    }
}
