namespace Coordinator.Iis;

/// <summary>Phrases the scripts print and <see cref="IisFailureClassifier"/> recognises, kept in one place so they cannot drift apart.</summary>
internal static class IisScriptMessages
{
    /// <summary>Part of the message a script prints when the mutex was not taken in time.</summary>
    public const string MutexTimeout = "waiting for the IIS mutex";

    /// <summary>Part of the message a script prints when the configuration changed between its reads.</summary>
    public const string InconsistentRead = "changed while it was being read";
}
