namespace Coordinator.Host.Configuration;

/// <summary>
/// The operator's configuration cannot work: a bad file, key or value, or a taken port.
/// The message is one line that names the setting and where its value came from; the host prints it and exits with 2.
/// </summary>
public sealed class CoordinatorConfigurationException(string message) : Exception(message);
