using Microsoft.AspNetCore.Antiforgery;

namespace Westside.Projections.Dashboard.Security;

public static class AntiforgeryCheck
{
    // For endpoints that bind no form parameters (minimal APIs then do not reject by themselves).
    // When the endpoint carries RequireAntiforgeryTokenAttribute, UseAntiforgery() has already validated and
    // left its verdict in IAntiforgeryValidationFeature; validating again would read the form, which the
    // framework refuses (InvalidOperationException) once the verdict is "invalid".
    public static async Task<bool> IsValidAsync(HttpContext http) =>
        http.Features.Get<IAntiforgeryValidationFeature>() is { } verdict
            ? verdict.IsValid
            : await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
}
