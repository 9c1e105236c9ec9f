using Coordinator.Octopus.Http;

namespace Coordinator.Octopus.Tests;

public sealed class UriTemplateTests
{
    private const string Machines =
        "/api/Spaces-1/machines{/id}{?skip,take,name,ids,partialName,roles,isDisabled,healthStatuses,commStyles,tenantIds,tenantTags,environmentIds,thumbprint,deploymentId}";

    [Fact]
    public void Undefined_values_leave_the_expressions_out()
    {
        Assert.Equal("/api/Spaces-1/machines", UriTemplate.Expand(Machines, Values()));
    }

    [Fact]
    public void A_path_segment_and_query_parameters_expand_in_template_order()
    {
        var link = UriTemplate.Expand(Machines, Values(("thumbprint", "0E80576D3BD8D40854802A4F8340A2E23AE961FD"), ("id", "all"), ("take", 5)));

        Assert.Equal("/api/Spaces-1/machines/all?take=5&thumbprint=0E80576D3BD8D40854802A4F8340A2E23AE961FD", link);
    }

    [Fact]
    public void Values_are_percent_encoded_except_unreserved_characters()
    {
        var link = UriTemplate.Expand(Machines, Values(("name", "web 01/a&b=c?~._-"), ("id", "Machines-1")));

        Assert.Equal("/api/Spaces-1/machines/Machines-1?name=web%2001%2Fa%26b%3Dc%3F~._-", link);
    }

    [Fact]
    public void Lists_join_with_commas_and_empty_lists_are_undefined()
    {
        Assert.Equal(
            "/api/Spaces-1/machines?ids=Machines-1,Machines-2&isDisabled=false",
            UriTemplate.Expand(Machines, Values(("ids", new[] { "Machines-1", "Machines-2" }), ("roles", Array.Empty<string>()), ("isDisabled", false))));
    }

    [Theory]
    [InlineData("/api/{spaceId}", "/api/Spaces-2")]
    [InlineData("/api/{spaceId}/tasks{/id}{?skip,take}", "/api/Spaces-2/tasks?take=10")]
    [InlineData("/api/x{?skip}{&take}", "/api/x?take=10")]
    [InlineData("/api/x{?take}{&skip,take}", "/api/x?take=10&take=10")]
    [InlineData("/api/x{/spaceId,id}", "/api/x/Spaces-2")]
    public void Simple_and_continuation_expressions_expand(string template, string expected)
    {
        Assert.Equal(expected, UriTemplate.Expand(template, Values(("spaceId", "Spaces-2"), ("take", 10))));
    }

    [Theory]
    [InlineData("/api/{+path}")]
    [InlineData("/api/{#fragment}")]
    [InlineData("/api/{ids*}")]
    [InlineData("/api/{?take")]
    public void Unsupported_expressions_are_refused_rather_than_guessed(string template)
    {
        Assert.Throws<FormatException>(() => UriTemplate.Expand(template, Values()));
    }

    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
