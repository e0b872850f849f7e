using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The data-protection keys live in the store. A dashboard that is running when the store goes down keeps
// its key ring in memory and still knows its signed-in users; a test that starts the dashboard against a
// store that is already unreachable stands for that case by keeping the keys in memory from the start.
public static class KeysLoadedBeforeOutage
{
    public static void Apply(IServiceCollection services) =>
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new MemoryRepository()));

    private sealed class MemoryRepository : IXmlRepository
    {
        private readonly List<XElement> _elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_elements)
            {
                return _elements.ToList();
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_elements)
            {
                _elements.Add(element);
            }
        }
    }
}
