using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Coordinator.Inventory;

/// <summary>Either a valid inventory, or every problem found in the file, in document order.</summary>
public sealed record InventoryLoadResult
{
    private InventoryLoadResult(FleetInventory? inventory, ImmutableArray<InventoryError> errors)
    {
        Inventory = inventory;
        Errors = errors;
    }

    public FleetInventory? Inventory { get; }

    public ImmutableArray<InventoryError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Inventory))]
    public bool Succeeded => Inventory is not null;

    internal static InventoryLoadResult Valid(FleetInventory inventory) => new(inventory, []);

    internal static InventoryLoadResult Invalid(ImmutableArray<InventoryError> errors) => new(null, errors);
}
