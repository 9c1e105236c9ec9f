using Akka.Cluster.Sharding;
using Coordinator.Protocol;

namespace Coordinator.Actors.Machines;

/// <summary>
/// Routes any <see cref="IWithHost"/> message to the entity named by its host. The same extractor drives the
/// local <see cref="MachineEntityParent"/> today and a cluster shard region later.
/// </summary>
public sealed class MachineMessageExtractor(int maxNumberOfShards = MachineMessageExtractor.DefaultShardCount)
    : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const int DefaultShardCount = 100;

    public override string? EntityId(object message) => message switch
    {
        IWithHost withHost => withHost.Host,
        _ => null,
    };
}
