using System.Text.Json;
using Lab.Windows;

namespace MsiexecDouble;

internal sealed record InstalledProduct(
    string ProductName,
    string ProductVersion,
    string InstallLocation,
    IReadOnlyList<string> Files);

/// <summary>
/// The lab's stand-in for the Windows Installer database: which product is installed where, with which
/// files, kept as JSON in C:\ProgramData\LabMsi\products.json.
/// </summary>
internal sealed class InstalledProducts
{
    public const string WindowsPath = @"C:\ProgramData\LabMsi\products.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _file = LabDrive.ToHostPath(WindowsPath);

    public InstalledProduct? Find(string productName) =>
        Load().FirstOrDefault(p => p.ProductName.Equals(productName, StringComparison.OrdinalIgnoreCase));

    public void Record(InstalledProduct product) =>
        Save(Load().Where(p => !p.ProductName.Equals(product.ProductName, StringComparison.OrdinalIgnoreCase)).Append(product));

    public void Forget(string productName) =>
        Save(Load().Where(p => !p.ProductName.Equals(productName, StringComparison.OrdinalIgnoreCase)));

    private List<InstalledProduct> Load() =>
        File.Exists(_file) ? JsonSerializer.Deserialize<List<InstalledProduct>>(File.ReadAllText(_file), Json) ?? [] : [];

    private void Save(IEnumerable<InstalledProduct> products)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        File.WriteAllText(_file, JsonSerializer.Serialize(products.ToList(), Json));
    }
}
