namespace Westside.Projections.Projector.Configuration;

public sealed class ConfigurationException(string message) : Exception(message);
