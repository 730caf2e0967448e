namespace Otop.Domain;

// Who may manage whose account (CONTRACT.md "Roles and scope"; issue 14, separation of duties). A province checks its
// districts' work: it returns and approves what a DistrictHead certifies. If it could also make the DistrictHead, one
// officer would certify and approve alone (the attack of issue 14: a district's increase moved from 14.23 % to 51.1 %).
// So a ProvinceOfficer manages only the accounts that do not check or sign anything (DistrictOfficer, Viewer) in its
// own province; DistrictHead, ProvinceOfficer and DepartmentAdmin accounts are made and managed by the department.
public enum AccountRole
{
    DepartmentAdmin,
    ProvinceOfficer,
    DistrictOfficer,
    DistrictHead,
    Viewer,
}

/// <summary>Where the account's unit lies from the manager's: its own unit or under it, or elsewhere.</summary>
public enum UnitRelation
{
    Within,
    Outside,
}

/// <summary>What an account change touches; the first three are never changed on one's own account.</summary>
public enum AccountField
{
    Role,
    OrgUnit,
    Disabled,
    DisplayName,
    Email,
    Password,
    Unlock,
}

public enum AccountDecision
{
    Allowed,
    /// <summary>The actor's role manages no accounts (district staff, viewers).</summary>
    NotAnAccountManager,
    /// <summary>The account's unit is outside the actor's.</summary>
    OutsideUnit,
    /// <summary>A DistrictHead, ProvinceOfficer or DepartmentAdmin account: only the department manages it.</summary>
    ReservedForDepartment,
    /// <summary>Nobody changes their own role, unit or disabled flag (no self-escalation, no self-lockout).</summary>
    OwnAccount,
}

public static class AccountPolicy
{
    /// <summary>
    /// May <paramref name="actor"/> create, edit, move, disable, reset or unlock an account of <paramref name="target"/>
    /// whose unit lies <paramref name="relation"/> to the actor's? Asked of the account as it is and as it would be after
    /// the change, so that a ProvinceOfficer can neither touch a DistrictHead nor make one.
    /// </summary>
    public static AccountDecision Manage(AccountRole actor, AccountRole target, UnitRelation relation) => actor switch
    {
        AccountRole.DepartmentAdmin => relation == UnitRelation.Within ? AccountDecision.Allowed : AccountDecision.OutsideUnit,
        AccountRole.ProvinceOfficer when relation == UnitRelation.Outside => AccountDecision.OutsideUnit,
        AccountRole.ProvinceOfficer => target is AccountRole.DistrictOfficer or AccountRole.Viewer
            ? AccountDecision.Allowed
            : AccountDecision.ReservedForDepartment,
        _ => AccountDecision.NotAnAccountManager,
    };

    /// <summary>A change of <paramref name="field"/> on the actor's own account: never the role, unit or disabled flag.</summary>
    public static AccountDecision ChangeOwn(AccountField field) =>
        field is AccountField.Role or AccountField.OrgUnit or AccountField.Disabled ? AccountDecision.OwnAccount : AccountDecision.Allowed;

    /// <summary>The roles <paramref name="actor"/> may give (the create form's and the import's choices).</summary>
    public static IReadOnlyList<AccountRole> Grantable(AccountRole actor) =>
        Enum.GetValues<AccountRole>().Where(r => Manage(actor, r, UnitRelation.Within) == AccountDecision.Allowed).ToList();

    /// <summary>Exactly one of the five names of CONTRACT.md (no numbers, no "A, B" flag lists, case as written).</summary>
    public static bool TryParse(string? role, out AccountRole parsed)
    {
        foreach (var r in Enum.GetValues<AccountRole>())
        {
            if (string.Equals(r.ToString(), role, StringComparison.Ordinal))
            {
                parsed = r;
                return true;
            }
        }
        parsed = default;
        return false;
    }

    /// <summary>The Thai sentence of a refusal, for the API's detail and the page's message.</summary>
    public static string ThaiReason(AccountDecision decision) => decision switch
    {
        AccountDecision.NotAnAccountManager => "เฉพาะผู้ดูแลระบบระดับกรมหรือเจ้าหน้าที่จังหวัดเท่านั้นที่จัดการบัญชีผู้ใช้ได้",
        AccountDecision.OutsideUnit => "บัญชีนี้อยู่นอกหน่วยงานของท่าน จัดการได้เฉพาะบัญชีในหน่วยงานของท่านและหน่วยงานในสังกัด",
        AccountDecision.ReservedForDepartment =>
            "บัญชีพัฒนาการอำเภอ เจ้าหน้าที่จังหวัด และผู้ดูแลระบบ สร้างและจัดการได้เฉพาะโดยกรม (ผู้ตรวจงานไม่สร้างบัญชีของผู้ที่ตนตรวจ) จังหวัดจัดการได้เฉพาะบัญชีพัฒนากรและผู้ดูข้อมูล",
        AccountDecision.OwnAccount => "ท่านเปลี่ยนบทบาท หน่วยงาน หรือระงับบัญชีของตนเองไม่ได้ กรุณาให้ผู้ดูแลระดับสูงกว่าดำเนินการ",
        _ => "",
    };
}
