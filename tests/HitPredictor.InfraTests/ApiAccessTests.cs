using System.Text.Json.Nodes;
using AwesomeAssertions;
using HitPredictor.InfraTests.Infrastructure;

namespace HitPredictor.InfraTests;

/// <summary>Who may call the deployed API: the platform's CORS allow-list and the protected mode, chosen by azd parameters.</summary>
public sealed class ApiAccessTests(CompiledInfra infra)
{
    [Fact]
    public void Cors_ByDefault_AllowsNoOtherOrigin()
    {
        var site = infra.Main.One("Microsoft.Web/sites");

        site["properties.siteConfig.cors.allowedOrigins"]!.AsArray().Should().BeEmpty();
        site["properties.siteConfig.cors.supportCredentials"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Cors_OriginsGiven_ReachTheAppOneByOne()
    {
        var main = CompiledTemplate.Create(infra.MainJson, CompiledInfra.AzdParameters(
            ("corsAllowedOrigins", JsonValue.Create("https://app.example.com,http://example.test"))));

        main.One("Microsoft.Web/sites")["properties.siteConfig.cors.allowedOrigins"]!.AsArray()
            .Select(origin => origin!.GetValue<string>()).Should().Equal("https://app.example.com", "http://example.test");
    }

    [Fact]
    public void Authentication_ByDefault_IsNotDeployed()
    {
        Condition(infra.Main).Should().BeFalse("the default is anonymous, like the prototype's public page");
    }

    [Fact]
    public void Authentication_ProtectedMode_RequiresEntraSignInForAllButHealth()
    {
        var main = CompiledTemplate.Create(infra.MainJson, CompiledInfra.AzdParameters(
            ("apiAccess", JsonValue.Create("entra")), ("entraClientId", JsonValue.Create("11111111-2222-3333-4444-555555555555"))));
        var settings = Authentication(main);

        Condition(main).Should().BeTrue();
        settings["properties.globalValidation.requireAuthentication"]!.GetValue<bool>().Should().BeTrue();
        settings["properties.globalValidation.excludedPaths"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("/api/health");
        settings["properties.identityProviders.azureActiveDirectory.registration.clientId"]!.GetValue<string>()
            .Should().Be("11111111-2222-3333-4444-555555555555");
    }

    [Fact]
    public void ApiAccess_AllowsOnlyTheTwoDocumentedModes()
    {
        infra.MainJson["parameters"]!["apiAccess"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().BeEquivalentTo("anonymous", "entra");
    }

    private static ArmResource Authentication(CompiledTemplate main) =>
        main.OfType("Microsoft.Web/sites/config").Single(r => r.Name.EndsWith("authsettingsV2", StringComparison.Ordinal));

    private static bool Condition(CompiledTemplate main)
    {
        var resource = Authentication(main);
        return resource.Scope.Evaluate(resource.Json["condition"])!.GetValue<bool>();
    }
}
