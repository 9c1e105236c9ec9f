namespace Coordinator.Inventory.Tests;

public sealed class SecretReferenceTests : IDisposable
{
    private const string SecretValue = "API-SECRETVALUE0123456789";

    // A name no other test or process uses, so setting it cannot disturb anything running in parallel.
    private readonly string _variable = $"COORD_INVENTORY_TEST_{Guid.NewGuid():N}";
    private readonly InventoryWorkspace _workspace = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _workspace.Dispose();
    }

    [Fact]
    public void An_env_reference_reads_the_variable_when_resolved_not_when_loaded()
    {
        var inventory = _workspace.Load(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", $"env:{_variable}"));
        Environment.SetEnvironmentVariable(_variable, $"  {SecretValue}\n");

        Assert.Equal(SecretValue, inventory.Octopus.ApiKey.Resolve());
        Assert.Equal(SecretSource.EnvironmentVariable, inventory.Octopus.ApiKey.Source);
        Assert.Equal($"env:{_variable}", inventory.Octopus.ApiKey.ToString());
    }

    [Fact]
    public void A_file_reference_reads_the_file_without_its_trailing_newline()
    {
        var path = _workspace.CreateFile("secrets/octopus-api-key", SecretValue + "\n");
        var inventory = _workspace.Load(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", "file:secrets/octopus-api-key"));

        Assert.Equal(SecretValue, inventory.Octopus.ApiKey.Resolve());
        Assert.Equal(SecretSource.File, inventory.Octopus.ApiKey.Source);
        Assert.Equal($"file:{path}", inventory.Octopus.ApiKey.ToString());
    }

    [Fact]
    public void An_unset_variable_is_named_in_the_error()
    {
        var reference = SecretReference.FromEnvironmentVariable(_variable);

        var error = Assert.Throws<SecretResolutionException>(() => reference.Resolve());

        Assert.Equal($"The environment variable {_variable} (from env:{_variable}) is not set. Set it in the coordinator's environment.", error.Message);
        Assert.Same(reference, error.Reference);
    }

    [Fact]
    public void A_blank_variable_is_an_error()
    {
        Environment.SetEnvironmentVariable(_variable, "   ");

        var error = Assert.Throws<SecretResolutionException>(() => SecretReference.FromEnvironmentVariable(_variable).Resolve());

        Assert.Equal($"The environment variable {_variable} (from env:{_variable}) is empty.", error.Message);
    }

    [Fact]
    public void A_secret_file_removed_after_loading_is_named_in_the_error()
    {
        var path = _workspace.CreateFile("secrets/octopus-api-key", SecretValue);
        var inventory = _workspace.Load(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", $"file:{path}"));
        File.Delete(path);

        var error = Assert.Throws<SecretResolutionException>(() => inventory.Octopus.ApiKey.Resolve());

        Assert.Equal($"The secret file {path} (from file:{path}) does not exist.", error.Message);
    }

    [Fact]
    public void A_secret_path_that_cannot_be_read_as_a_file_is_an_error()
    {
        var path = _workspace.PathOf("secrets");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<SecretResolutionException>(() => SecretReference.FromFile(path).Resolve());

        Assert.Equal($"The secret file {path} (from file:{path}) is a directory, not a file.", error.Message);
    }

    [Theory]
    [InlineData(SecretValue + "\nsecond line")]
    [InlineData(SecretValue + "\r\n" + SecretValue)]
    public void A_secret_spanning_lines_is_refused_without_showing_it(string content)
    {
        var path = _workspace.CreateFile("secrets/octopus-api-key", content);

        var error = Assert.Throws<SecretResolutionException>(() => SecretReference.FromFile(path).Resolve());

        Assert.Equal($"The secret from file:{path} spans more than one line; it must hold the secret alone.", error.Message);
        Assert.DoesNotContain("SECRETVALUE", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_secret_file_is_an_error()
    {
        var path = _workspace.CreateFile("secrets/octopus-api-key", "\n");

        var error = Assert.Throws<SecretResolutionException>(() => SecretReference.FromFile(path).Resolve());

        Assert.Equal($"The secret file {path} (from file:{path}) is empty.", error.Message);
    }

    [Fact]
    public void Printing_the_inventory_shows_references_never_secret_values()
    {
        Environment.SetEnvironmentVariable(_variable, SecretValue);
        _workspace.CreateFile("secrets/octopus-api-key", SecretValue);
        var fromVariable = _workspace.Load(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", $"env:{_variable}"));
        var fromFile = _workspace.Load(SampleInventory.With().Replace("env:OCTOPUS_API_KEY", "file:secrets/octopus-api-key"));

        Assert.Equal(SecretValue, fromVariable.Octopus.ApiKey.Resolve());
        Assert.Equal(SecretValue, fromFile.Octopus.ApiKey.Resolve());
        Assert.Contains($"ApiKey = env:{_variable}", fromVariable.Octopus.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", fromVariable.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETVALUE", fromFile.ToString(), StringComparison.Ordinal);
    }
}
