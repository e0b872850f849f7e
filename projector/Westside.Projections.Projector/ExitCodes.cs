namespace Westside.Projections.Projector;

// Distinct, documented exit codes (README "Projector commands").
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int ConfigurationError = 2;
    public const int WriteCapableRole = 3;
    public const int ContractMismatch = 4;
    public const int StoreUnavailable = 5;
    public const int SourceUnavailable = 6;
    public const int RequestFailed = 7;
    public const int Usage = 64;
}
