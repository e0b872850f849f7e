using Westside.Projections.Dashboard.Features.Auth;
using Westside.Projections.Dashboard.Features.Clusters;
using Westside.Projections.Dashboard.Features.Cohorts;
using Westside.Projections.Dashboard.Features.Contracts;
using Westside.Projections.Dashboard.Features.Dues;
using Westside.Projections.Dashboard.Features.Families;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Features.Gaps;
using Westside.Projections.Dashboard.Features.Health;
using Westside.Projections.Dashboard.Features.Jerseys;
using Westside.Projections.Dashboard.Features.Projections;
using Westside.Projections.Dashboard.Features.Today;
using Westside.Projections.Dashboard.Features.Tournaments;
using Westside.Projections.Dashboard.Features.Triage;
using Westside.Projections.Dashboard.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddStore();
builder.AddPages();
builder.AddDashboardAuth();

var app = builder.Build();
app.UseDashboardErrors();
app.UseDashboardStaticFiles();
app.MapHealth();
app.UseDashboardAuth();
app.UseAntiforgery();

// Every page and API route lives in this one group, open only to the required realm role; /healthz and static files do not.
var site = app.MapGroup("").RequireAuthorization(DashboardAuth.AccessPolicy);
site.MapFreshness();
site.MapToday();
site.MapTriage();
site.MapCohorts();
site.MapClusters();
site.MapJerseys();
site.MapContracts();
site.MapDues();
site.MapTournaments();
site.MapGaps();
site.MapFamilies();
site.MapProjections();

app.Run();

public partial class Program;
