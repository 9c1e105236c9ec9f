using System.Collections.Immutable;
using System.Text;
using Coordinator.Iis;

namespace Coordinator.Inventory;

/// <summary>How the coordinator writes IIS configuration on one host, and what that configuration must hold.</summary>
/// <param name="Mutex">The host-wide mutex every IIS write takes, shared with the host's own deployment scripts.</param>
/// <param name="Baseline">Validated operations applied in order as the last step of bootstrap; empty for none.</param>
public sealed record IisSettings(IisMutex Mutex, ImmutableArray<IisOperation> Baseline)
{
    /// <summary>The default mutex and no baseline: what a host gets when the inventory says nothing about IIS.</summary>
    public static IisSettings Default { get; } = new(IisMutex.Default, []);

    /// <summary>
    /// Equal when the mutex is and the baselines hold equal operations in the same order. Operations are compared
    /// field by field because a record compares <see cref="EnsureSite.Bindings"/> by reference.
    /// </summary>
    public bool Equals(IisSettings? other) =>
        other is not null && Mutex == other.Mutex && Baseline.SequenceEqual(other.Baseline, OperationComparer.Instance);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Mutex);
        foreach (var operation in Baseline)
        {
            hash.Add(operation, OperationComparer.Instance);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Mutex = {Mutex}, Baseline = [{string.Join(", ", Baseline.Select(Printed))}]");
        return true;
    }

    // The record's own ToString would print the bindings' list type instead of the bindings.
    private static string Printed(IisOperation operation) => operation is EnsureSite site
        ? $"EnsureSite {{ Description = {site.Description}, Name = {site.Name}, PhysicalPath = {site.PhysicalPath}, " +
          $"Bindings = [{string.Join(", ", site.Bindings.Select(b => b.ToAppcmd()))}], AppPool = {site.AppPool} }}"
        : operation.ToString();

    private sealed class OperationComparer : IEqualityComparer<IisOperation>
    {
        public static OperationComparer Instance { get; } = new();

        public bool Equals(IisOperation? x, IisOperation? y) => (x, y) switch
        {
            (EnsureSite a, EnsureSite b) => a.Name == b.Name && a.PhysicalPath == b.PhysicalPath && a.AppPool == b.AppPool &&
                                            a.Bindings.SequenceEqual(b.Bindings),
            _ => x == y,
        };

        public int GetHashCode(IisOperation operation) => operation is EnsureSite site
            ? HashCode.Combine(site.Name, site.PhysicalPath, site.AppPool, site.Bindings.Count)
            : operation.GetHashCode();
    }
}
