using Westside.Projections.ReadModel.Store;
using Xunit;

namespace Westside.Projections.ReadModel.Tests.Store;

public sealed class DocumentFiltersTests
{
    [Fact]
    public void Only_the_filterable_top_level_fields_are_copied_for_the_index()
    {
        const string document = """
            {"status":"signed","kids":[{"status":"declined","version":"x"}],"version":"2026-spring-v2",
             "statuses":["sent","none"],"note":"<b>l'été</b>","ageGroup":null,"team":{"id":3}}
            """;

        Assert.Equal(
            """{"status":"signed","version":"2026-spring-v2","statuses":["sent","none"],"team":{"id":3}}""",
            DocumentFilters.Extract(document));
    }

    [Fact]
    public void A_document_without_filterable_fields_gets_an_empty_filter_object()
    {
        Assert.Equal("{}", DocumentFilters.Extract("""{"players":3,"kids":[{"ageGroup":"12U"}]}"""));
        Assert.Equal("{}", DocumentFilters.Extract("[1,2]"));
    }

    [Fact]
    public void A_filter_on_a_field_that_is_not_indexed_is_refused_by_name()
    {
        DocumentFilters.EnsureFilterable("""{"ageGroup":"12U","statuses":["sent"]}""");

        var error = Assert.Throws<ArgumentException>(() => DocumentFilters.EnsureFilterable("""{"ageGroup":"12U","kids":[{"playerId":7}]}"""));
        Assert.Contains("'kids'", error.Message, StringComparison.Ordinal);
    }
}
