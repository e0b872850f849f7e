using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The provider rotates its signing key (here: restarted with a jwks.json holding only a new key) while the
// dashboard still has the old JWKS cached: the next sign-in fetches the keys again and succeeds.
public sealed class KeyRotationTests(KeyRotationTests.Stack stack) : IClassFixture<KeyRotationTests.Stack>
{
    public sealed class Stack : SignInStack
    {
        public string KeysDirectory { get; } = Path.Combine(Path.GetTempPath(), "westside-oidc-keys-" + Guid.NewGuid().ToString("N"));

        protected override string? ProviderKeysDirectory => KeysDirectory;

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(KeysDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task After_the_provider_rotates_its_key_the_next_sign_in_still_works()
    {
        using (var first = new HttpBrowser())
        {
            Assert.Equal(HttpStatusCode.OK, (await first.SignInAsync(new Uri(stack.Root, "/projections"), "marcus", "demo")).Status);
        }

        var file = Path.Combine(stack.KeysDirectory, "jwks.json");
        var oldKid = KeyIds(file).Single();
        RotateTo(file, $"rotated-{Guid.NewGuid():N}");
        await stack.RestartProviderAsync();

        using var second = new HttpBrowser();
        var page = await second.SignInAsync(new Uri(stack.Root, "/projections"), "marcus", "demo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotEqual(oldKid, KeyIds(file).Single());
        Assert.Contains(stack.Log.Lines, l => l.EventId == 2005);
    }

    private static List<string> KeyIds(string file) =>
        JsonNode.Parse(File.ReadAllText(file))!["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();

    // A new RSA key, private parts included, in the JWK form node's crypto exports (what server.mjs writes).
    private static void RotateTo(string file, string kid)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        static string B(byte[]? bytes) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(bytes!);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA", ["n"] = B(p.Modulus), ["e"] = B(p.Exponent), ["d"] = B(p.D), ["p"] = B(p.P), ["q"] = B(p.Q),
            ["dp"] = B(p.DP), ["dq"] = B(p.DQ), ["qi"] = B(p.InverseQ), ["kid"] = kid, ["alg"] = "RS256", ["use"] = "sig",
        };
        File.WriteAllText(file, new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
