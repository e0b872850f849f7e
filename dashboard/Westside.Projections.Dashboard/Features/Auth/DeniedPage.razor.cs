using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Westside.Projections.Dashboard.Features.Auth;

public partial class DeniedPage
{
    // Rendered in place of the page that was asked for, with status 403, so the URL stays what the user typed.
    public static Task RenderAsync(HttpContext http, string requiredRole)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var model = new DeniedView(http.User.LoginName(), http.User.SubjectId(), requiredRole, tokens.FormFieldName, tokens.RequestToken ?? "");
        return new RazorComponentResult<DeniedPage>(new Dictionary<string, object?> { [nameof(Model)] = model })
        {
            StatusCode = StatusCodes.Status403Forbidden,
        }.ExecuteAsync(http);
    }
}
