namespace SessionStore.Tests.TestSupport;

/// <summary>A fresh console project outside the repository (no Directory.Build.props reaches it), for consumer builds.</summary>
public static class ConsoleProject
{
    /// <summary>Writes <c>&lt;name&gt;.csproj</c> (net10.0, nullable, implicit usings, warnings as errors when asked) with <paramref name="reference"/> in an item group.</summary>
    public static void Write(string directory, string name, string reference, bool warningsAsErrors = false)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>{(warningsAsErrors ? "true" : "false")}</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                {reference}
              </ItemGroup>
            </Project>
            """);
    }
}
