using System.Text;

namespace Coordinator.Octopus;

/// <summary>One machine's health after a health check: <c>Healthy</c>, <c>Unavailable</c>, ... and Octopus's explanation.</summary>
public sealed record MachineHealth(string MachineId, string Name, string HealthStatus, string StatusSummary);

/// <summary>
/// How a health check went: finished (successfully or not), or still running when the caller's deadline passed.
/// <see cref="Machines"/> holds the checked machines' health as Octopus recorded it, which says why a check failed
/// (e.g. the Tentacle presented an unexpected certificate).
/// </summary>
public sealed record HealthCheckResult(ServerTask Task, bool DeadlineReached, IReadOnlyList<MachineHealth> Machines)
{
    public bool Succeeded => !DeadlineReached && Task.FinishedSuccessfully;

    public string Summary
    {
        get
        {
            var summary = new StringBuilder(Succeeded
                ? $"Health check {Task.Id} succeeded."
                : DeadlineReached
                    ? $"Health check {Task.Id} was still {Task.State} when the deadline passed."
                    : $"Health check {Task.Id} ended {Task.State}{(string.IsNullOrWhiteSpace(Task.ErrorMessage) ? "." : ": " + Task.ErrorMessage)}");
            foreach (var machine in Machines.Where(m => m.HealthStatus != "Healthy"))
            {
                summary.Append('\n').Append($" - {machine.Name} ({machine.MachineId}): {machine.HealthStatus}. {machine.StatusSummary}");
            }

            return summary.ToString();
        }
    }
}
