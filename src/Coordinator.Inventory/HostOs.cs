namespace Coordinator.Inventory;

/// <summary>Which shell, installer and conventional Tentacle paths a host gets.</summary>
public enum HostOs
{
    Linux,
    Windows,
}
