using Microsoft.AspNetCore.Identity;

namespace Otop.Web.Platform.Auth;

/// <summary>Identity's messages in Thai, since officers read them on the same form.</summary>
public sealed class ThaiIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"ชื่อผู้ใช้ '{userName}' มีอยู่แล้ว" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"ชื่อผู้ใช้ '{userName}' ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . _ - @" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"รหัสผ่านต้องยาวอย่างน้อย {length} ตัวอักษร" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "รหัสผ่านต้องมีตัวเลขอย่างน้อย 1 ตัว" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "รหัสผ่านต้องมีตัวอักษรพิมพ์เล็กอย่างน้อย 1 ตัว" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "รหัสผ่านต้องมีตัวอักษรพิมพ์ใหญ่อย่างน้อย 1 ตัว" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "รหัสผ่านต้องมีอักขระพิเศษอย่างน้อย 1 ตัว" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"รหัสผ่านต้องมีอักขระไม่ซ้ำกันอย่างน้อย {uniqueChars} ตัว" };
    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = $"บทบาท '{role}' มีอยู่แล้ว" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดใหม่" };
}
