namespace Otop.Domain.Tests;

public class AccountPolicyTests
{
    private const AccountRole Admin = AccountRole.DepartmentAdmin;
    private const AccountRole Province = AccountRole.ProvinceOfficer;
    private const AccountRole Officer = AccountRole.DistrictOfficer;
    private const AccountRole Head = AccountRole.DistrictHead;
    private const AccountRole Viewer = AccountRole.Viewer;
    private const UnitRelation Within = UnitRelation.Within;
    private const UnitRelation Outside = UnitRelation.Outside;
    private const AccountDecision Allowed = AccountDecision.Allowed;
    private const AccountDecision NotManager = AccountDecision.NotAnAccountManager;
    private const AccountDecision OutsideUnit = AccountDecision.OutsideUnit;
    private const AccountDecision Reserved = AccountDecision.ReservedForDepartment;

    // Every actor role × target role × unit relation (5 × 5 × 2).
    public static TheoryData<AccountRole, AccountRole, UnitRelation, AccountDecision> Everything => new()
    {
        { Admin, Admin, Within, Allowed }, { Admin, Province, Within, Allowed }, { Admin, Officer, Within, Allowed },
        { Admin, Head, Within, Allowed }, { Admin, Viewer, Within, Allowed },
        { Admin, Admin, Outside, OutsideUnit }, { Admin, Province, Outside, OutsideUnit }, { Admin, Officer, Outside, OutsideUnit },
        { Admin, Head, Outside, OutsideUnit }, { Admin, Viewer, Outside, OutsideUnit },

        // The province manages only the accounts that check and sign nothing, and only in its province.
        { Province, Admin, Within, Reserved }, { Province, Province, Within, Reserved }, { Province, Officer, Within, Allowed },
        { Province, Head, Within, Reserved }, { Province, Viewer, Within, Allowed },
        { Province, Admin, Outside, OutsideUnit }, { Province, Province, Outside, OutsideUnit }, { Province, Officer, Outside, OutsideUnit },
        { Province, Head, Outside, OutsideUnit }, { Province, Viewer, Outside, OutsideUnit },

        { Officer, Admin, Within, NotManager }, { Officer, Province, Within, NotManager }, { Officer, Officer, Within, NotManager },
        { Officer, Head, Within, NotManager }, { Officer, Viewer, Within, NotManager },
        { Officer, Admin, Outside, NotManager }, { Officer, Province, Outside, NotManager }, { Officer, Officer, Outside, NotManager },
        { Officer, Head, Outside, NotManager }, { Officer, Viewer, Outside, NotManager },

        // The district head signs รต.2: it never makes the accounts of its own district.
        { Head, Admin, Within, NotManager }, { Head, Province, Within, NotManager }, { Head, Officer, Within, NotManager },
        { Head, Head, Within, NotManager }, { Head, Viewer, Within, NotManager },
        { Head, Admin, Outside, NotManager }, { Head, Province, Outside, NotManager }, { Head, Officer, Outside, NotManager },
        { Head, Head, Outside, NotManager }, { Head, Viewer, Outside, NotManager },

        { Viewer, Admin, Within, NotManager }, { Viewer, Province, Within, NotManager }, { Viewer, Officer, Within, NotManager },
        { Viewer, Head, Within, NotManager }, { Viewer, Viewer, Within, NotManager },
        { Viewer, Admin, Outside, NotManager }, { Viewer, Province, Outside, NotManager }, { Viewer, Officer, Outside, NotManager },
        { Viewer, Head, Outside, NotManager }, { Viewer, Viewer, Outside, NotManager },
    };

    [Theory]
    [MemberData(nameof(Everything))]
    public void WhoMayManageWhom_IsDecidedByTheActorsRole_TheTargetsRole_AndWhereItsUnitLies(
        AccountRole actor, AccountRole target, UnitRelation relation, AccountDecision expected)
    {
        AccountPolicy.Manage(actor, target, relation).ShouldBe(expected);
    }

    [Fact]
    public void TheTable_CoversEveryCombination()
    {
        var rows = Everything.Select(r => ((AccountRole)r[0], (AccountRole)r[1], (UnitRelation)r[2])).ToList();

        rows.Distinct().Count().ShouldBe(Enum.GetValues<AccountRole>().Length * Enum.GetValues<AccountRole>().Length * Enum.GetValues<UnitRelation>().Length);
    }

    [Theory]
    [InlineData(AccountField.Role, AccountDecision.OwnAccount)]
    [InlineData(AccountField.OrgUnit, AccountDecision.OwnAccount)]
    [InlineData(AccountField.Disabled, AccountDecision.OwnAccount)]
    [InlineData(AccountField.DisplayName, AccountDecision.Allowed)]
    [InlineData(AccountField.Email, AccountDecision.Allowed)]
    [InlineData(AccountField.Password, AccountDecision.Allowed)]
    [InlineData(AccountField.Unlock, AccountDecision.Allowed)]
    public void OnOnesOwnAccount_TheRoleUnitAndDisabledFlag_NeverChange(AccountField field, AccountDecision expected)
    {
        AccountPolicy.ChangeOwn(field).ShouldBe(expected);
    }

    [Theory]
    [InlineData(AccountRole.DepartmentAdmin, "DepartmentAdmin,ProvinceOfficer,DistrictOfficer,DistrictHead,Viewer")]
    [InlineData(AccountRole.ProvinceOfficer, "DistrictOfficer,Viewer")]
    [InlineData(AccountRole.DistrictHead, "")]
    [InlineData(AccountRole.DistrictOfficer, "")]
    [InlineData(AccountRole.Viewer, "")]
    public void TheRolesAnActorMayGive_FollowTheTable(AccountRole actor, string expected)
    {
        string.Join(",", AccountPolicy.Grantable(actor)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("DistrictHead", true)]
    [InlineData("Viewer", true)]
    [InlineData("viewer", false)]
    [InlineData("3", false)]
    [InlineData("Viewer, DistrictHead", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ARoleName_IsOneOfTheFiveNamesExactly(string? text, bool parses)
    {
        AccountPolicy.TryParse(text, out _).ShouldBe(parses);
    }

    [Fact]
    public void EveryRefusal_HasAThaiReason()
    {
        foreach (var d in Enum.GetValues<AccountDecision>().Where(d => d != AccountDecision.Allowed))
        {
            AccountPolicy.ThaiReason(d).ShouldMatch(@"[\u0E00-\u0E7F]");
        }
    }
}
