// The feature namespaces Program.cs maps: it reads as a table of contents, without a screen of usings.
global using Westside.Projections.Dashboard.Features.Auth;
global using Westside.Projections.Dashboard.Features.Clusters;
global using Westside.Projections.Dashboard.Features.Cohorts;
global using Westside.Projections.Dashboard.Features.Contracts;
global using Westside.Projections.Dashboard.Features.Dues;
global using Westside.Projections.Dashboard.Features.Families;
global using Westside.Projections.Dashboard.Features.Freshness;
global using Westside.Projections.Dashboard.Features.Gaps;
global using Westside.Projections.Dashboard.Features.Health;
global using Westside.Projections.Dashboard.Features.Jerseys;
global using Westside.Projections.Dashboard.Features.Projections;
global using Westside.Projections.Dashboard.Features.Today;
global using Westside.Projections.Dashboard.Features.Tournaments;
global using Westside.Projections.Dashboard.Features.Triage;
global using Westside.Projections.Dashboard.Infrastructure;
global using Westside.Projections.Dashboard.Features.Outbox;
