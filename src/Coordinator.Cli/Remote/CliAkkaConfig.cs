using Akka.Configuration;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Cli.Remote;

/// <summary>The CLI's ActorSystem configuration: <c>hocon/cli.conf</c> plus the protocol's serializer binding.</summary>
public static class CliAkkaConfig
{
    private const string ResourceName = "hocon.cli.conf";

    public static Config Load()
    {
        using var stream = typeof(CliAkkaConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The coord assembly lacks its embedded {ResourceName}; the build is broken.");
        using var reader = new StreamReader(stream);

        // The serializer binding comes from the protocol itself, so the CLI and the host cannot drift apart.
        return ConfigurationFactory.ParseString(reader.ReadToEnd())
            .WithFallback(ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon));
    }
}
