using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Coordinator.Protocol.Serialization;

/// <summary>
/// System.Text.Json serializer for every <see cref="ICoordinatorMessage"/>, keyed by the type's
/// <see cref="ManifestAttribute"/>. It is strict: a type without a manifest, or an unknown manifest,
/// is an error rather than a silent fallback to another serializer.
/// </summary>
public sealed class CoordinatorSerializer : SerializerWithStringManifest
{
    public const int Id = 743;

    /// <summary>The HOCON that binds this serializer; shared by the host and the CLI so both ends agree.</summary>
    public const string Hocon = """
        akka.actor {
          serializers.coordinator = "Coordinator.Protocol.Serialization.CoordinatorSerializer, Coordinator.Protocol"
          serialization-bindings {
            "Coordinator.Protocol.ICoordinatorMessage, Coordinator.Protocol" = coordinator
          }
          serialization-identifiers {
            "Coordinator.Protocol.Serialization.CoordinatorSerializer, Coordinator.Protocol" = 743
          }
        }
        """;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    private static readonly FrozenDictionary<Type, string> ManifestByType = DiscoverManifests();
    private static readonly FrozenDictionary<string, Type> TypeByManifest =
        ManifestByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public CoordinatorSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => Id;

    /// <summary>Every serializable protocol type and its manifest.</summary>
    public static IReadOnlyDictionary<Type, string> Manifests => ManifestByType;

    public override string Manifest(object o) =>
        ManifestByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException(
                $"{o.GetType().FullName} has no [Manifest]; every ICoordinatorMessage needs a stable, versioned manifest.");

    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), JsonOptions);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypeByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException(
                $"Unknown manifest '{manifest}': this coordinator is older than the data it reads, or the manifest was renamed.");
        }

        return JsonSerializer.Deserialize(bytes, type, JsonOptions)
            ?? throw new SerializationException($"Manifest '{manifest}' decoded to null.");
    }

    private static FrozenDictionary<Type, string> DiscoverManifests()
    {
        var types = typeof(ICoordinatorMessage).Assembly.GetTypes()
            .Where(t => typeof(ICoordinatorMessage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

        var byType = new Dictionary<Type, string>();
        var seen = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var manifest = type.GetCustomAttribute<ManifestAttribute>()?.Name;
            if (manifest is null)
            {
                // Reported by Manifest() when such a type is actually sent; the round-trip test fails the build first.
                continue;
            }

            if (seen.TryGetValue(manifest, out var other))
            {
                throw new InvalidOperationException(
                    $"Manifest '{manifest}' is used by both {other.FullName} and {type.FullName}.");
            }

            seen[manifest] = type;
            byType[type] = manifest;
        }

        return byType.ToFrozenDictionary();
    }
}
