namespace Coordinator.Inventory;

/// <summary>A secret could not be read from where its reference points. The message never contains the secret.</summary>
public sealed class SecretResolutionException(SecretReference reference, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SecretReference Reference { get; } = reference;
}
