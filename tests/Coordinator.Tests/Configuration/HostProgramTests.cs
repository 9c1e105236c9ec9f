using System.Net;
using System.Net.Sockets;
using Coordinator.Host;
using Coordinator.Host.Configuration;
using Xunit;

namespace Coordinator.Tests.Configuration;

public sealed class HostProgramTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Help_lists_every_environment_variable_and_the_config_option()
    {
        var exitCode = await RunAsync(["--help"]);

        Assert.Equal(HostProgram.Stopped, exitCode);
        var usage = _stdout.ToString();
        Assert.Contains("--config PATH", usage);
        Assert.Contains("--version", usage);
        Assert.All(CoordinatorEnvironment.SettingByVariable, pair =>
        {
            Assert.Contains(pair.Key, usage);
            Assert.Contains(pair.Value, usage);
        });
        Assert.Empty(_stderr.ToString());
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var exitCode = await RunAsync(["--version"]);

        Assert.Equal(HostProgram.Stopped, exitCode);
        Assert.Equal(CoordinatorVersion.Current, _stdout.ToString().Trim());
    }

    [Fact]
    public async Task An_unknown_argument_exits_with_2_and_one_line_on_stderr()
    {
        var exitCode = await RunAsync(["--port", "5"]);

        Assert.Equal(HostProgram.ConfigurationError, exitCode);
        Assert.Equal("coordinator: error: unknown argument \"--port\"; see --help" + Environment.NewLine, _stderr.ToString());
    }

    [Fact]
    public async Task A_configuration_error_exits_with_2_and_one_line_on_stderr()
    {
        var file = _directory.Write("bad.conf", "coordinator.remote.prot = 5");

        var exitCode = await RunAsync(["--config", file]);

        Assert.Equal(HostProgram.ConfigurationError, exitCode);
        Assert.Equal(
            $"coordinator: error: unknown setting \"coordinator.remote.prot\" in config file {file}; did you mean \"coordinator.remote.port\"?"
            + Environment.NewLine,
            _stderr.ToString());
        Assert.Empty(_stdout.ToString());
    }

    [Fact]
    public async Task A_taken_remote_port_exits_with_2_before_anything_starts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var exitCode = await RunAsync([],
            ("COORD_REMOTE_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("COORD_DATA_DIR", "data"));

        Assert.Equal(HostProgram.ConfigurationError, exitCode);
        Assert.StartsWith($"coordinator: error: remote endpoint 127.0.0.1:{port} is already in use", _stderr.ToString());
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "data")), "nothing is created before the checks pass");
    }

    private Task<int> RunAsync(string[] args, params (string Name, string Value)[] environment) =>
        HostProgram.RunAsync(args, environment.ToDictionary(v => v.Name, v => v.Value), _directory.Path, _stdout, _stderr)
            .WaitAsync(Bound);
}
