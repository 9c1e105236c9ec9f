using System.Collections.Immutable;
using Coordinator.Iis;

namespace Coordinator.Inventory;

/// <summary>Either every operation of an IIS operations file, validated and in order, or every problem found, in document order.</summary>
public sealed record IisOperationsLoadResult
{
    private IisOperationsLoadResult(ImmutableArray<IisOperation> operations, ImmutableArray<InventoryError> errors)
    {
        Operations = operations;
        Errors = errors;
    }

    /// <summary>The operations, normalised as <see cref="IisOperationValidator"/> returns them; empty when the file has errors.</summary>
    public ImmutableArray<IisOperation> Operations { get; }

    public ImmutableArray<InventoryError> Errors { get; }

    public bool Succeeded => Errors.IsEmpty;

    internal static IisOperationsLoadResult Valid(ImmutableArray<IisOperation> operations) => new(operations, []);

    internal static IisOperationsLoadResult Invalid(ImmutableArray<InventoryError> errors) => new([], errors);
}
