using System.Reflection;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Coordinator.Protocol;
using Coordinator.Protocol.Serialization;

namespace Coordinator.Tests.Serialization;

public sealed class CoordinatorSerializerTests() : TestKit(ConfigurationFactory.ParseString(CoordinatorSerializer.Hocon))
{
    private static IEnumerable<Type> AllProtocolTypes() =>
        typeof(ICoordinatorMessage).Assembly.GetTypes()
            .Where(t => typeof(ICoordinatorMessage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static TheoryData<Type> ProtocolTypes() => new(AllProtocolTypes());

    [Fact]
    public void Every_protocol_type_has_a_versioned_manifest()
    {
        var missing = AllProtocolTypes()
            .Where(t => t.GetCustomAttribute<ManifestAttribute>() is null)
            .Select(t => t.FullName)
            .ToList();

        Assert.True(missing.Count == 0, "Add [Manifest(\"...v1\")] to: " + string.Join(", ", missing));
        Assert.All(CoordinatorSerializer.Manifests.Values, manifest => Assert.Matches(@"^[a-z0-9.-]+\.v[0-9]+$", manifest));
    }

    [Theory]
    [MemberData(nameof(ProtocolTypes))]
    public void Round_trips_through_the_actor_systems_serialization(Type type)
    {
        var original = ProtocolSamples.Create(type);
        var serialization = Sys.Serialization;

        var serializer = serialization.FindSerializerFor(original);
        Assert.IsType<CoordinatorSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, original);
        var bytes = serializer.ToBinary(original);
        var restored = serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType(type, restored);
        Assert.Equal(
            JsonSerializer.Serialize(original, type, CoordinatorSerializer.JsonOptions),
            JsonSerializer.Serialize(restored, type, CoordinatorSerializer.JsonOptions));
    }

    [Fact]
    public void Refuses_an_unknown_manifest_with_a_clear_reason()
    {
        var serializer = new CoordinatorSerializer((ExtendedActorSystem)Sys);

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(
            () => serializer.FromBinary("{}"u8.ToArray(), "machine.teleported.v9"));

        Assert.Contains("machine.teleported.v9", error.Message);
    }

    [Fact]
    public void Refuses_a_type_without_a_manifest()
    {
        var serializer = new CoordinatorSerializer((ExtendedActorSystem)Sys);

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(
            () => serializer.ToBinary(new UnversionedMessage("x")));

        Assert.Contains(nameof(UnversionedMessage), error.Message);
    }

    private sealed record UnversionedMessage(string Value) : ICoordinatorMessage;
}
