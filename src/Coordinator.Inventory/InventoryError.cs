namespace Coordinator.Inventory;

/// <summary>
/// One problem in an inventory file, at a 1-based line and column (0 when it concerns the whole file), printed the
/// way compilers print theirs so editors can jump to it: <c>fleet.yaml:12:7: message</c>.
/// </summary>
public sealed record InventoryError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
