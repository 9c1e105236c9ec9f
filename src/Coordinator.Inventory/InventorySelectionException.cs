namespace Coordinator.Inventory;

/// <summary>
/// <see cref="FleetInventory.Select"/> was asked for environments or hosts the inventory does not have. The message
/// lists every unknown name, each with a suggestion where one is close.
/// </summary>
public sealed class InventorySelectionException(IReadOnlyList<string> problems)
    : Exception(string.Join(System.Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
