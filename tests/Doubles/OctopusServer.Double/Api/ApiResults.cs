using Microsoft.AspNetCore.Http;
using OctopusServer.Double.Resources;

namespace OctopusServer.Double.Api;

/// <summary>Responses in Octopus's JSON conventions.</summary>
internal static class ApiResults
{
    public const string ValidationMessage = "There was a problem with your request.";
    public const string NotLoggedInMessage =
        "You must be logged in to perform this action. Please provide a valid API key or log in again.";

    public static IResult Ok<T>(T body) => Results.Json(body, OctopusJson.Options);

    public static IResult Created<T>(T body) => Results.Json(body, OctopusJson.Options, statusCode: StatusCodes.Status201Created);

    public static IResult Invalid(IReadOnlyList<string> errors) =>
        Error(StatusCodes.Status400BadRequest, ValidationMessage, errors);

    public static IResult NotFound() =>
        Error(StatusCodes.Status404NotFound, "The resource you requested was not found.", []);

    public static IResult Error(int statusCode, string message, IReadOnlyList<string> errors) =>
        Results.Json(new ErrorResource(message, errors), OctopusJson.Options, statusCode: statusCode);
}
