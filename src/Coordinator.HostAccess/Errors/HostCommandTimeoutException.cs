namespace Coordinator.HostAccess;

/// <summary>A command ran longer than its limit. The connection stays usable.</summary>
public sealed class HostCommandTimeoutException : HostAccessException
{
    /// <param name="stoppedOnHost">Whether the command was stopped on the host, or only no longer waited for.</param>
    public HostCommandTimeoutException(
        HostEndpoint host, HostCommand command, string outputTail = "", bool stoppedOnHost = true, Exception? innerException = null)
        : base(
            host,
            $"'{command.Description}' on {host} did not finish within its limit of {Describe(command.Timeout)}" +
            (stoppedOnHost ? " and was stopped." : "; the coordinator stopped waiting for it, but it may still be running on the host."),
            innerException)
    {
        Description = command.Description;
        Timeout = command.Timeout;
        OutputTail = outputTail;
    }

    /// <summary>The command's description (never its script).</summary>
    public string Description { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The last lines the command wrote before it was stopped, when the host reported them; otherwise empty.</summary>
    public string OutputTail { get; }

    private static string Describe(TimeSpan limit) =>
        limit.TotalSeconds < 120 ? $"{limit.TotalSeconds:0.###}s" : $"{limit.TotalMinutes:0.#} min";
}
