using System.Text;

namespace Westside.Projections.Dashboard.Features.Cohorts;

// The cohort as a CSV file: one row per email, then one per parent without an email (name and phone),
// so a spreadsheet holds the whole cohort. Cells that a spreadsheet would run as a formula are defused.
public static class CohortsCsv
{
    public static byte[] Render(CohortList list)
    {
        var csv = new StringBuilder("email,parent_id,first_name,last_name,phone\r\n");
        foreach (var email in list.Emails)
        {
            csv.Append(Cell(email)).Append(",,,,\r\n");
        }

        foreach (var p in list.ParentsWithoutEmail)
        {
            csv.Append(',').Append(p.ParentId).Append(',').Append(Cell(p.FirstName)).Append(',')
                .Append(Cell(p.LastName)).Append(',').Append(Cell(p.Phone)).Append("\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // =1+1, @SUM(...), +cmd, -cmd: leading characters that make a spreadsheet evaluate the cell.
        // A phone number (+1 360 ...) stays as it is.
        var risky = value[0] is '=' or '@' or '\t' or '\r'
                    || (value[0] is '+' or '-' && !(value.Length > 1 && (char.IsAsciiDigit(value[1]) || value[1] == ' ')));
        var text = risky ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
