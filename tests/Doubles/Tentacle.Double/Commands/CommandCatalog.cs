namespace Tentacle.Double.Commands;

/// <summary>Command names (case-insensitive, as Tentacle matches them) and the command each creates.</summary>
internal static class CommandCatalog
{
    static readonly Dictionary<string, Func<TentacleCommand>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["agent"] = () => new RunAgentCommand(),
        ["configure"] = () => new ConfigureCommand(),
        ["create-instance"] = () => new CreateInstanceCommand(),
        ["delete-instance"] = () => new DeleteInstanceCommand(),
        ["help"] = () => new HelpCommand(),
        ["import-certificate"] = () => new ImportCertificateCommand(),
        ["list-instances"] = () => new ListInstancesCommand(),
        ["new-certificate"] = () => new NewCertificateCommand(),
        ["pack"] = () => new PackCommand(),
        ["run"] = () => new RunAgentCommand(),
        ["service"] = () => new ServiceCommand(),
        ["show-configuration"] = () => new ShowConfigurationCommand(),
        ["show-thumbprint"] = () => new ShowThumbprintCommand(),
        ["version"] = () => new VersionCommand(),
    };

    public static IEnumerable<string> Names => Factories.Keys.Order(StringComparer.Ordinal);

    public static TentacleCommand? Create(string name) => Factories.TryGetValue(name, out var factory) ? factory() : null;
}
