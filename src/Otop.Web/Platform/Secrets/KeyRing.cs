using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otop.Web.Platform.Secrets;

/// <summary>
/// The app's own secret, kept in a file outside the database (docs/decisions/013-audit-chain-v2.md, docs/operations.md
/// "Keys"): a current key and the retired keys that still decrypt the data-protection key ring and verify the audit.
/// Each key has an id; what a key sealed records that id. Purposes get their own subkey (HKDF-SHA256), so the key that
/// wraps cookies' keys is never the key that signs the audit.
/// </summary>
public sealed class KeyRing
{
    public const string Format = "otop-keys-v1";
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private KeyFile _file;

    public string Path { get; }

    private KeyRing(string path, KeyFile file, TimeProvider clock)
    {
        Path = path;
        _file = file;
        _clock = clock;
    }

    /// <summary>Reads the key file, or creates it (mode 0600, one fresh key) when there is none; true in <paramref name="created"/> then.</summary>
    public static KeyRing OpenOrCreate(string path, TimeProvider clock, out bool created)
    {
        created = false;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var fresh = new KeyFile { Current = NewId(clock), Keys = [] };
            fresh.Keys.Add(new StoredKey { Id = fresh.Current, Created = clock.GetUtcNow(), Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            // Written whole under a temporary name, then linked into place only if no file is there yet: two nodes (or two
            // hosts) starting together on one shared file keep the first one's key, and nobody ever reads a half-written file.
            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.new";
            using (var stream = CreateSecretFile(temp))
            {
                JsonSerializer.Serialize(stream, fresh, Json);
            }
            try
            {
                File.Move(temp, path, overwrite: false);
                created = true;
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }
        return new KeyRing(path, Read(path), clock);
    }

    public string CurrentId
    {
        get { lock (_gate) return _file.Current; }
    }

    public IReadOnlyList<string> KeyIds
    {
        get { lock (_gate) return _file.Keys.Select(k => k.Id).ToList(); }
    }

    /// <summary>The subkey of <paramref name="keyId"/> for <paramref name="purpose"/>; null when the file has no such key (re-read once, for a rotation made by another node).</summary>
    public byte[]? Subkey(string keyId, string purpose)
    {
        var secret = Find(keyId);
        if (secret is null)
        {
            Reload();
            secret = Find(keyId);
        }
        return secret is null ? null : HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
    }

    public (string KeyId, byte[] Key) Current(string purpose)
    {
        var id = CurrentId;
        return (id, Subkey(id, purpose)!);
    }

    /// <summary>
    /// Adds a new key and makes it current; the old ones stay (retired) so what they sealed still verifies. Written to a
    /// temporary file and moved over the old one, so a crash leaves either file whole.
    /// </summary>
    public string Rotate()
    {
        lock (_gate)
        {
            var file = Read(Path);
            var id = NewId(_clock);
            while (file.Keys.Any(k => k.Id == id)) id = NewId(_clock);
            file.Keys.Add(new StoredKey { Id = id, Created = _clock.GetUtcNow(), Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            foreach (var k in file.Keys.Where(k => k.Id == file.Current)) k.Retired = _clock.GetUtcNow();
            file.Current = id;
            var temp = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.new";
            using (var stream = CreateSecretFile(temp))
            {
                JsonSerializer.Serialize(stream, file, Json);
            }
            File.Move(temp, Path, overwrite: true);
            _file = file;
            return id;
        }
    }

    public void Reload()
    {
        var file = Read(Path);
        lock (_gate) _file = file;
    }

    /// <summary>A new file only its owner may read and write (0600), created atomically (fails if it exists).</summary>
    private static FileStream CreateSecretFile(string path)
    {
        if (OperatingSystem.IsWindows()) return new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    private byte[]? Find(string keyId)
    {
        lock (_gate)
        {
            var key = _file.Keys.FirstOrDefault(k => k.Id == keyId);
            return key is null ? null : Convert.FromBase64String(key.Secret);
        }
    }

    private static KeyFile Read(string path)
    {
        KeyFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<KeyFile>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The key file {path} is not an Otop key file ({e.Message}). Restore it from its backup (docs/operations.md \"Keys\").", e);
        }
        if (file is null || file.Format != Format || file.Keys.Count == 0 || file.Keys.All(k => k.Id != file.Current)
            || file.Keys.Any(k => !IsSecret(k.Secret)))
        {
            throw new InvalidOperationException($"The key file {path} is not an Otop key file (format {Format}, a current key of 32 bytes). Restore it from its backup (docs/operations.md \"Keys\").");
        }
        return file;
    }

    private static bool IsSecret(string text)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(text, buffer, out var n) && n == 32;
    }

    /// <summary>The date it was made and six random hex digits: <c>k20261202-3fa9c1</c>.</summary>
    private static string NewId(TimeProvider clock) =>
        "k" + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed class KeyFile
    {
        public string Format { get; set; } = KeyRing.Format;
        public string Current { get; set; } = "";
        public List<StoredKey> Keys { get; set; } = [];
    }

    private sealed class StoredKey
    {
        public string Id { get; set; } = "";
        public DateTimeOffset Created { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? Retired { get; set; }
        public string Secret { get; set; } = "";
    }
}
