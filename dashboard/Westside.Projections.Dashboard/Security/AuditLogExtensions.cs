namespace Westside.Projections.Dashboard.Security;

public static class AuditLogExtensions
{
    public static void AddAuditLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<StaffDirectory>();
    }
}
