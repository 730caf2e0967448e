using Otop.Web.Platform.Http;

namespace Otop.Web.Tests.Foundation;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("http://*:5000", "http://localhost:5000")]
    [InlineData("http://127.0.0.1:5123/", "http://127.0.0.1:5123")]
    public void WithoutAConfiguredAddress_LinksUseTheAddressTheNodeListensOn_WithAWildcardReadAsLocalhost(string listening, string expected)
    {
        Assert.Equal(expected, PublicAddress.FromListening([listening]));
    }

    [Fact]
    public void AnHttpsListeningAddress_IsPreferredOverPlainHttp()
    {
        Assert.Equal("https://localhost:5001", PublicAddress.FromListening(["http://localhost:5000", "https://localhost:5001"]));
    }
}
