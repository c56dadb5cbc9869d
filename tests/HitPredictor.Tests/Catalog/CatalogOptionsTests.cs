using AwesomeAssertions;
using HitPredictor.Serving.Catalog;

namespace HitPredictor.Tests.Catalog;

public sealed class CatalogOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        new CatalogOptionsValidator().Validate(null, new CatalogOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_EveryValueOutOfRange_ReportsEachByItsKey()
    {
        var options = new CatalogOptions { ChunkRows = 5, MaxChunkAttempts = 0, MaxRejectedDetails = -1, VisibilitySeconds = 9, MergeClaimSeconds = 86_401, MaxConcurrentScoring = 0 };

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failures.Should().Equal(
            "Catalog:ChunkRows must be 100 to 1000000, got 5.",
            "Catalog:MaxChunkAttempts must be 1 to 100, got 0.",
            "Catalog:MaxRejectedDetails must be 0 to 100000, got -1.",
            "Catalog:VisibilitySeconds must be 10 to 3600, got 9.",
            "Catalog:MergeClaimSeconds must be 10 to 86400, got 86401.",
            "Catalog:MaxConcurrentScoring must be 1 to 1024, got 0.");
    }
}
