var builder = WebApplication.CreateBuilder(args);
builder.AddStore();
builder.AddPages();
builder.AddOutbox();
// Sign-in goes here: builder.AddDashboardAuth();

var app = builder.Build();
app.UseServerTiming();
app.UseDashboardErrors();
app.UseDashboardStaticFiles();
app.MapHealth();
// Sign-in goes here, before antiforgery: app.UseDashboardAuth();
app.UseAntiforgery();

// Every page and API route lives in this one group (sign-in is required on it later); /healthz and static files do not.
var site = app.MapGroup("");
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

app.Run();

public partial class Program;
