using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Secrets;

/// <summary>
/// Data-protection keys stored before the key file existed hold their secret in the clear. At start (under the startup
/// lock) each such secret is encrypted in place with the key file, the way data protection would have stored it, so the
/// keys keep working (nobody is signed out) and the database no longer holds them readable. Backups taken before the
/// upgrade still do: docs/operations.md "Keys" says to rotate the data-protection keys if such a backup may have leaked.
/// </summary>
public static class StoredKeyEncryption
{
    private static readonly XNamespace Dp = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = Dp + "requiresEncryption";
    private static readonly XName EncryptedSecret = Dp + "encryptedSecret";

    public static async Task<int> EncryptPlainKeysAsync(AppDbContext db, KeyRing keys, CancellationToken ct = default)
    {
        var encryptor = new KeyFileXmlEncryptor(keys);
        var changed = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(ct))
        {
            var xml = XElement.Parse(row.Xml);
            var plain = xml.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true)
                .Where(e => !e.Ancestors(EncryptedSecret).Any()).ToList();
            if (plain.Count == 0) continue;
            foreach (var element in plain)
            {
                var info = encryptor.Encrypt(new XElement(element));
                element.ReplaceWith(new XElement(EncryptedSecret,
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }
            row.Xml = xml.ToString(SaveOptions.DisableFormatting);
            changed++;
        }
        if (changed > 0) await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>True when a stored key still holds a secret in the clear (what a copy of the database must never show).</summary>
    public static bool HoldsPlainSecret(string xml) =>
        XElement.Parse(xml).Descendants().Any(e => (bool?)e.Attribute(RequiresEncryption) == true && !e.Ancestors(EncryptedSecret).Any());
}
