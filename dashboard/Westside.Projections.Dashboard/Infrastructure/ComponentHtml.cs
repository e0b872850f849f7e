using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Westside.Projections.Dashboard.Infrastructure;

public static class ComponentHtml
{
    // Renders a component to an HTML string (static rendering; Razor escapes every value it writes).
    public static async Task<string> RenderAsync(HttpContext httpContext, Type component, IDictionary<string, object?> parameters)
    {
        var services = httpContext.RequestServices;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync(component, ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
