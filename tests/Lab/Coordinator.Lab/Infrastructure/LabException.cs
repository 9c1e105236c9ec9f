namespace Coordinator.Lab;

/// <summary>The lab could not do what was asked; the message says why and what to look at.</summary>
public sealed class LabException(string message) : Exception(message);
