using System.Reflection;

namespace UpworkAssist.Core;

/// <summary>
/// The product's name and version, shared by the web application, the CLI and the API client's User-Agent.
/// </summary>
public static class ProductInfo
{
    public const string Name = "UpworkAssist";

    public static string Version { get; } =
        typeof(ProductInfo)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0]
        ?? typeof(ProductInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
