var builder = WebApplication.CreateBuilder(args);
builder.AddStore();
builder.AddPages();
builder.AddOutbox();
builder.AddDashboardAuth();
builder.AddMcpEndpoint();

var app = builder.Build();
app.ValidateSettings();
app.UseServerTiming();
app.UseDashboardErrors();
app.UseDashboardStaticFiles();
app.MapHealth();
app.UseDashboardAuth();
app.UseAntiforgery();
app.MapMcpEndpoint();

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
site.MapOutbox();
site.MapChanges();

app.Run();

public partial class Program;
