namespace Coordinator.Octopus;

/// <summary>A server task as last polled. Done means no longer Queued, Executing or Cancelling; only <c>Success</c> is a success.</summary>
public sealed record ServerTask(string Id, string Name, string State, bool IsCompleted, bool FinishedSuccessfully, string? ErrorMessage);
