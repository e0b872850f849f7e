global using Westside.Projections.Fixture;
global using Westside.Projections.ReadModel.Events;
global using Xunit;
