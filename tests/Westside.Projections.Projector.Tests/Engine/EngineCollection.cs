using Xunit;

namespace Westside.Projections.Projector.Tests.Engine;

// The timing-sensitive engine tests run one after another (the machine has 2 cores), beside the
// quick tests of other collections.
[CollectionDefinition(Name)]
public sealed class EngineCollection
{
    public const string Name = "engine";
}
