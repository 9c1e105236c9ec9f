using Coordinator.Iis;

namespace Coordinator.Inventory.Tests;

/// <summary>The file of <c>coord iis apply -f ops.yaml</c>: its operations in order, or every problem with its position.</summary>
public sealed class IisOperationsFileTests : IDisposable
{
    private const string SecondKeyHint = "each item names exactly one operation — start another item with '- ', or indent the operation's settings under it";

    private readonly InventoryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_file_loads_its_operations_in_order_normalised_as_the_scripts_use_them()
    {
        var path = _workspace.CreateFile("ops.yaml", """
            # Rebuild the shop site.
            operations:
              - remove-site: { name: Shop }
              - ensure-app-pool: { name: Shop, runtime: none }
              - ensure-site:
                  name: Shop
                  path: 'C:\inetpub\shop\'
                  app-pool: Shop
                  bindings: ['HTTP/*:80:shop.example.com']
              - ensure-application: { site: Shop, path: /api, physical-path: 'C:\inetpub\shop-api', app-pool: Shop }
              - remove-under-path: { path: 'C:\inetpub\old' }
            """);

        var result = IisOperationsFile.Load(path);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Operations.Length);
        Assert.Equal(new RemoveSite("Shop"), result.Operations[0]);
        Assert.Equal(new EnsureAppPool("Shop", "", ManagedPipelineMode.Integrated, AppPoolIdentity.ApplicationPoolIdentity), result.Operations[1]);
        var site = Assert.IsType<EnsureSite>(result.Operations[2]);
        Assert.Equal((@"C:\inetpub\shop", "Shop"), (site.PhysicalPath, site.AppPool));
        Assert.Equal([new IisBinding("http", "*", 80, "shop.example.com")], site.Bindings);
        Assert.Equal(new EnsureApplication("Shop", "/api", @"C:\inetpub\shop-api", "Shop"), result.Operations[3]);
        Assert.Equal(new RemoveUnderPath(@"C:\inetpub\old"), result.Operations[4]);
    }

    [Theory]
    [InlineData("operations: []",
        "ops.yaml:1:13: 'operations' of the operations file is empty: add at least one operation, such as - ensure-app-pool: { name: Shop }")]
    [InlineData("operations:",
        "ops.yaml:1:1: 'operations' of the operations file has no value: add at least one operation, such as - ensure-app-pool: { name: Shop }")]
    [InlineData("operations: { remove-site: { name: Shop } }",
        "ops.yaml:1:13: 'operations' of the operations file must be a list such as [{ ensure-app-pool: { name: Shop } }], found a mapping")]
    [InlineData("{}",
        "ops.yaml:1:1: the operations file has no 'operations': add operations: a list of IIS operations, such as - ensure-app-pool: { name: Shop }")]
    [InlineData("# nothing yet",
        "ops.yaml:1:1: the operations file is empty: add operations: a list of IIS operations, such as - ensure-app-pool: { name: Shop }")]
    [InlineData("- remove-site: { name: Shop }",
        "ops.yaml:1:1: the operations file must be a mapping with operations: a list of IIS operations, such as - ensure-app-pool: { name: Shop }")]
    [InlineData("operations: [{ remove-site: { name: Shop } }]\n---\noperations: []",
        "ops.yaml:2:1: the operations file must be a single YAML document, but a second one starts here")]
    [InlineData("operations:\n  - remove-ste: { name: Shop }",
        "ops.yaml:2:5: unknown key 'remove-ste' in 'operations[1]' of the operations file — did you mean 'remove-site'?")]
    [InlineData("operations:\n  - remove-site: { name: Shop }\n  - ensure-app-pool: { name: 'Shop\"' }",
        "ops.yaml:3:5: 'operations[2].ensure-app-pool' of the operations file cannot be used: the app pool name 'Shop\"' contains a double quote: " +
        "IIS names and Windows paths cannot, and Windows PowerShell 5.1 passes it to appcmd unescaped")]
    [InlineData("operations:\n  - ensure-site: { name: Shop, path: 'C:\\shop', app-pool: Shop, bindings: ['*:80'] }",
        "ops.yaml:2:76: 'operations[1].ensure-site.bindings' of the operations file must hold bindings written protocol/address:port:host, " +
        "such as http/*:80:shop.example.com or https/[2001:db8::5]:443: (an IPv6 address in brackets), found '*:80'")]
    [InlineData("operations:\n  - remove-site: { name: Shop }\n    remove-under-path: { path: 'C:\\old' }",
        "ops.yaml:3:5: 'operations[1]' of the operations file has a second key 'remove-under-path': " + SecondKeyHint)]
    public void A_wrong_file_is_reported_with_line_column_and_what_to_fix(string text, string expected)
    {
        var result = IisOperationsFile.Parse(text, "ops.yaml");

        Assert.False(result.Succeeded);
        Assert.Empty(result.Operations);
        Assert.Equal([expected], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_misspelt_top_level_key_is_reported_with_a_suggestion_and_what_is_then_missing()
    {
        var result = IisOperationsFile.Parse("operation:\n  - remove-site: { name: Shop }\n", "ops.yaml");

        Assert.Equal(
        [
            "ops.yaml:1:1: unknown key 'operation' in the operations file — did you mean 'operations'?",
            "ops.yaml:1:1: the operations file has no 'operations': add operations: a list of IIS operations, such as - ensure-app-pool: { name: Shop }",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Every_wrong_item_is_reported_in_document_order()
    {
        var result = IisOperationsFile.Parse("""
            operations:
              - ensure-app-pool: { name: Shop, pipeline: clasic }
              - remove-site: { name: Legacy }
              - ensure-application: { site: Shop, path: /, physical-path: 'C:\api', app-pool: Shop }
            """, "ops.yaml");

        Assert.Equal(
        [
            "ops.yaml:2:46: 'operations[1].ensure-app-pool.pipeline' of the operations file must be integrated or classic, found 'clasic' — did you mean 'classic'?",
            "ops.yaml:4:5: 'operations[3].ensure-application' of the operations file cannot be used: the virtual path '/' must start with '/', " +
            "name at least one segment (the site's root application belongs to EnsureSite), and hold no empty segment, trailing '/' or '\\'",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_full_path()
    {
        var result = IisOperationsFile.Load(_workspace.PathOf("missing/ops.yaml"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, 0), (error.Line, error.Column));
        Assert.Equal($"the IIS operations file does not exist: {_workspace.PathOf("missing/ops.yaml")}", error.Message);
    }
}
