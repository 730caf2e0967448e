using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Otop.Web.Platform.Secrets;

/// <summary>
/// Encrypts a data-protection key's secret (<c>&lt;masterKey&gt;</c>) with AES-256-GCM under the key file's current key,
/// so a copy of the database alone cannot mint cookies or bearer tokens:
/// <c>&lt;encryptedKey keyId="k…"&gt;base64(nonce ‖ tag ‖ ciphertext)&lt;/encryptedKey&gt;</c>.
/// </summary>
public sealed class KeyFileXmlEncryptor(KeyRing keys) : IXmlEncryptor
{
    public const string Purpose = "otop-dataprotection-xml";
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var (keyId, key) = keys.Current(Purpose);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(keyId));
        }
        var element = new XElement("encryptedKey", new XAttribute("keyId", keyId), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }
}

/// <summary>
/// The other half of <see cref="KeyFileXmlEncryptor"/>, made by data protection from the type name in the stored XML. A key
/// sealed under a key the file does not hold (a database copied to another installation) cannot be read: data
/// protection then treats that key as unusable, refuses what it protected and makes a new one.
/// </summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keyId = (string?)encryptedElement.Attribute("keyId") ?? "";
        var key = services.GetRequiredService<KeyRing>().Subkey(keyId, KeyFileXmlEncryptor.Purpose)
            ?? throw new CryptographicException($"The data-protection key was sealed with key '{keyId}', which the key file does not hold.");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        const int head = KeyFileXmlEncryptor.NonceSize + KeyFileXmlEncryptor.TagSize;
        if (sealedBytes.Length < head) throw new CryptographicException("The sealed data-protection key is too short.");
        var plain = new byte[sealedBytes.Length - head];
        using (var aes = new AesGcm(key, KeyFileXmlEncryptor.TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, KeyFileXmlEncryptor.NonceSize), sealedBytes.AsSpan(head),
                sealedBytes.AsSpan(KeyFileXmlEncryptor.NonceSize, KeyFileXmlEncryptor.TagSize), plain, Encoding.UTF8.GetBytes(keyId));
        }
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
