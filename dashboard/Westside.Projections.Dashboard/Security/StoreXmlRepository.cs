using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Westside.Projections.Dashboard.Security;

// ASP.NET Core Data Protection keys (which protect the session cookie, the sign-in state and the
// antiforgery tokens) live in the store's data_protection_keys table, so every dashboard replica reads the
// same key ring and a restart or a new replica does not sign anybody out.
// The key XML is stored as the framework writes it, unencrypted: whoever can read the store can forge a
// session, but whoever can read the store can already read every document the dashboard shows.
// IXmlRepository is synchronous by contract; the framework calls it rarely (start-up, key roll, unknown key).
public sealed class StoreXmlRepository(NpgsqlDataSource store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = store.CreateCommand("select xml from data_protection_keys order by id");
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = store.CreateCommand("insert into data_protection_keys (friendly_name, xml) values (@friendly_name, @xml)");
        cmd.Parameters.AddWithValue("friendly_name", friendlyName);
        cmd.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
