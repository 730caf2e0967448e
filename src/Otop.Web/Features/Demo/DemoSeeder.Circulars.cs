using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Kpi;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Files;

namespace Otop.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>Example addresses (example.go.th never delivers), so reminders have somewhere to go once SMTP is configured.</summary>
    private static readonly IReadOnlyDictionary<string, string> DemoEmails = new Dictionary<string, string>
    {
        ["admin"] = "admin@example.go.th",
        ["sakaeo"] = "sakaeo.officer@example.go.th",
        ["muang.officer"] = "muang.officer@example.go.th",
        ["muang.head"] = "muang.head@example.go.th",
        ["khlonghat.officer"] = "khlonghat.officer@example.go.th",
        ["viewer"] = "viewer@example.go.th",
    };

    /// <summary>
    /// Letters 1 and 2 of Sa Kaeo as circulars with their tasks, each enclosure a small file generated from the demo data;
    /// letter 1's readiness survey sent by some districts (on time or late) and not by others. Demo e-mail addresses.
    /// </summary>
    private async Task SeedCircularsAsync(List<Entrepreneur> entrepreneurs, CancellationToken ct)
    {
        foreach (var (userName, email) in DemoEmails)
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null || user.Email is not null) continue;
            user.Email = email;
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        var districts = Letter1Table.Keys.Order(StringComparer.Ordinal).ToList();
        var letter1 = PublishedLetter("สก ๐๐๑๙/ว ๐๙๓๑", new DateOnly(2021, 2, 23), 15,
            "การดำเนินงานตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๔",
            "กรมการพัฒนาชุมชนกำหนดตัวชี้วัดระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์ ค่าเป้าหมายร้อยละ ๑๐ "
            + "ของผลิตภัณฑ์ที่ลงทะเบียนปี ๒๕๕๗–๒๕๖๓ (สิ่งที่ส่งมาด้วย ๑) จึงขอให้สำนักงานพัฒนาชุมชนอำเภอ\n"
            + "๑. ตรวจสอบฐานข้อมูลผลิตภัณฑ์ OTOP ที่ลงทะเบียนปี ๒๕๕๗–๒๕๖๓ ให้ถูกต้องและเป็นปัจจุบัน\n"
            + "๒. ศึกษาแนวทางการดำเนินงานตัวชี้วัด\n"
            + "๓. จัดทำแบบสำรวจความพร้อมการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์ ส่งจังหวัดภายในวันพุธที่ ๒๔ กุมภาพันธ์ ๒๕๖๔\n"
            + "๔. จัดทำแบบรายงานผลการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์ รอบที่ ๑ ภายในวันศุกร์ที่ ๑๙ มีนาคม ๒๕๖๔");
        letter1.Enclosures.Add(Enclosure(1, "เป้าหมายตัวชี้วัดฯ รอบที่ ๑ (ตุลาคม ๒๕๖๓ – มีนาคม ๒๕๖๔)", "letter1-enclosure1-targets.xlsx", TargetTable(), letter1.PublishedAt!.Value));
        letter1.Tasks.Add(NewTask(1, "จัดทำแบบสำรวจความพร้อมการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์ และส่งจังหวัด", new DateOnly(2021, 2, 24), CircularTaskKind.ReadinessSurvey, 2564, 1));
        letter1.Tasks.Add(NewTask(2, "จัดทำแบบรายงานผลการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์ รอบที่ ๑", new DateOnly(2021, 3, 19), CircularTaskKind.ResultReport, 2564, 1));

        // Letter 2's copy in the seeds has no number on it (it is typed in by hand on the signed letter), so none is invented.
        var letter2 = PublishedLetter("สก ๐๐๑๙/ว", new DateOnly(2023, 2, 20), 14,
            "การดำเนินงานตัวชี้วัดการประเมินผลการปฏิบัติราชการของข้าราชการพลเรือนสามัญในสังกัดกรมการพัฒนาชุมชน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "ตัวชี้วัดร้อยละที่เพิ่มขึ้นของรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบที่ ๑–๒ ขอให้สำนักงานพัฒนาชุมชนอำเภอ\n"
            + "๑. ศึกษา Roadmap การรายงานข้อมูลรายได้ (สิ่งที่ส่งมาด้วย ๓) และดำเนินการตามห้วงเวลา\n"
            + "๒. จัดทำแบบประมาณการรายได้ ผ่านการรับรองจาก นตผ. อำเภอ ส่งจังหวัดภายในวันพฤหัสบดีที่ ๒๓ กุมภาพันธ์ ๒๕๖๖\n"
            + "๓. จัดเก็บรายได้ (รต.๑) และบันทึกในระบบทุกสิ้นเดือน พัฒนาการอำเภอลงนามรับรอง รต.๒ ส่งจังหวัด\n"
            + "๔. ตรวจสอบรายงาน (รต.๓, รต.๔) และยืนยันข้อมูลในระบบภายในวันที่ ๓ ของเดือนถัดไป\n"
            + "๕. จัดทำหลักฐานเชิงประจักษ์ไว้ที่กลุ่มผู้ผลิต ผู้ประกอบการทุกราย\n"
            + "๖. กรมปิดระบบทุกวันที่ ๖ ของเดือน และเปิดให้บันทึกทุกวันที่ ๑๐ ของเดือน");
        letter2.Enclosures.Add(Enclosure(3, "Roadmap การรายงานข้อมูลรายได้ ปีงบประมาณ พ.ศ. ๒๕๖๖", "letter2-enclosure3-roadmap.xlsx", Roadmap(2566), letter2.PublishedAt!.Value));
        letter2.Tasks.Add(NewTask(1, "จัดทำแบบประมาณการรายได้ ปีงบประมาณ พ.ศ. ๒๕๖๖ ผ่านการรับรองจาก นตผ. อำเภอ และส่งจังหวัด", new DateOnly(2023, 2, 23), CircularTaskKind.RevenueEstimate, 2566, null));

        foreach (var letter in new[] { letter1, letter2 })
        {
            foreach (var task in letter.Tasks)
            {
                task.Assignments.AddRange(districts.Select(d => new TaskAssignment { UnitCode = d, ProvinceCode = Province }));
            }
        }
        db.Circulars.AddRange(letter1, letter2);

        // Letter 1, task 3: five districts sent the readiness survey (one a day late); 2701, 2702, 2703 and 2707 have not.
        var online = await db.Indicators.FirstAsync(i => i.Code == "online-market" && i.FiscalYear == 2564, ct);
        foreach (var (district, day) in new[] { ("2704", 23), ("2705", 24), ("2706", 24), ("2708", 25), ("2709", 22) })
        {
            var sentAt = Bangkok.StartOfDay(new DateOnly(2021, 2, day)).AddHours(11 + _random.Next(6)).ToUniversalTime();
            var survey = new ReadinessSurvey
            {
                IndicatorId = online.Id, Round = 1, DistrictCode = district, ProvinceCode = Province, Status = SurveyStatus.Sent,
                SentAt = sentAt, SentBy = "demo.officer", Late = CircularRules.IsLate(sentAt, new DateOnly(2021, 2, 24)),
                Version = 2, UpdatedAt = sentAt, UpdatedBy = "demo.officer",
            };
            foreach (var e in entrepreneurs.Where(e => e.DistrictCode == district && e.Status == RegistryStatus.Active
                && e.Products.Any(p => p.RegisteredYear is >= 2557 and <= 2563)))
            {
                var ready = _random.NextDouble() < 0.35;
                survey.Answers.Add(new ReadinessAnswer
                {
                    EntrepreneurId = e.Id, Ready = ready,
                    Lacks = ready ? ReadinessLack.None : (ReadinessLack)(1 << _random.Next(6)) | (_random.NextDouble() < 0.4 ? ReadinessLack.Skills : ReadinessLack.None),
                    PlannedChannels = ready ? "facebook,shopee" : "",
                });
            }
            db.ReadinessSurveys.Add(survey);
        }
        await db.SaveChangesAsync(ct);

        // Both letters: published by the province officer on their issue date (afternoon, Bangkok time) to every district.
        Circular PublishedLetter(string number, DateOnly issuedOn, int hour, string subject, string body)
        {
            var at = Bangkok.StartOfDay(issuedOn).AddHours(hour).ToUniversalTime();
            return new Circular
            {
                IssuerCode = Province, Number = number, NumberKey = CircularRules.NumberKey(number), IssuedOn = issuedOn,
                Subject = subject, Body = body, Status = CircularStatus.Published, PublishedAt = at, PublishedBy = "sakaeo",
                Version = 2, UpdatedAt = at, UpdatedBy = "sakaeo",
                Recipients = districts.Select(d => new CircularRecipient { UnitCode = d }).ToList(),
            };
        }

        CircularEnclosure Enclosure(int ordinal, string title, string file, byte[] content, DateTimeOffset at) => new()
        {
            Ordinal = ordinal, Title = title, FileName = file, ContentType = FileKind.Xlsx.ContentType, Size = content.Length, Content = content,
            Token = CircularRules.NewToken(), UploadedAt = at, UploadedBy = "sakaeo",
        };

        static CircularTask NewTask(int ordinal, string title, DateOnly due, CircularTaskKind kind, int? fiscalYear, int? round) => new()
        {
            Ordinal = ordinal, Title = title, DueDate = due, Kind = kind, FiscalYear = fiscalYear, Round = round,
        };
    }

    /// <summary>Letter 1, enclosure 1, made from the registry counts the demo reproduces.</summary>
    private static byte[] TargetTable()
    {
        decimal[] percents = [6, 7, 8, 9, 10];
        var names = ReferenceData.LoadOrgUnits().Where(o => o.ParentCode == Province).ToDictionary(d => d.Code, d => d.NameTh);
        var rows = Letter1Table.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new object?[] { names.GetValueOrDefault(kv.Key, kv.Key), kv.Value.Entrepreneurs, kv.Value.Products }
                .Concat(percents.Select(p => (object?)ScoreTable.Threshold(kv.Value.Products, p))).ToArray())
            .ToList();
        var total = new object?[] { "รวม", Letter1Table.Values.Sum(v => v.Entrepreneurs), Letter1Table.Values.Sum(v => v.Products), null, null, null, null, null };
        return ReportFiles.Xlsx(new ReportTable("เป้าหมาย",
            ["เป้าหมายตัวชี้วัดระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์ ปีงบประมาณ พ.ศ. 2564 รอบที่ 1", "จังหวัดสระแก้ว"],
            ["อำเภอ", "ผู้ประกอบการ", "ผลิตภัณฑ์", "1 คะแนน (6%)", "2 คะแนน (7%)", "3 คะแนน (8%)", "4 คะแนน (9%)", "5 คะแนน (10%)"],
            [null, "0", "0", "0.0", "0.0", "0.0", "0.0", "0.0"], rows, total));
    }

    /// <summary>Letter 2, enclosure 3: the month cycle of the fiscal year (record, confirm by, close, reopen), in BE dates.</summary>
    private static byte[] Roadmap(int fiscalYear)
    {
        var cycle = MonthlyCycle.Default;
        var rows = new FiscalYear(fiscalYear).Months.Select(m => new object?[]
        {
            ThaiDates.FormatMonth(m.Year, m.Month),
            $"{ThaiDates.FormatLong(m.FirstDay)} – {ThaiDates.FormatLong(Bangkok.Today(MonthWindow.WriteDeadline(m, cycle)).AddDays(-1))}",
            ThaiDates.FormatLong(Bangkok.Today(MonthWindow.ConfirmDeadline(m, cycle)).AddDays(-1)),
            ThaiDates.FormatLong(Bangkok.Today(MonthWindow.WriteDeadline(m, cycle))),
            ThaiDates.FormatLong(Bangkok.Today(MonthWindow.ReopenAt(m, cycle))),
        }).ToList();
        return ReportFiles.Xlsx(new ReportTable("Roadmap", [$"Roadmap การรายงานข้อมูลรายได้จากการจำหน่ายผลิตภัณฑ์ชุมชน (OTOP) ปีงบประมาณ พ.ศ. {fiscalYear}"],
            ["เดือน", "บันทึกข้อมูล (รต.1)", "ยืนยันข้อมูลภายใน", "กรมปิดระบบ", "เปิดระบบอีกครั้ง"], [null, null, null, null, null], rows));
    }
}
