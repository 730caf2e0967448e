using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Compilation;

/// <summary>The tables of this feature, read as <c>db.X</c> like the platform's own (the context itself knows no feature).</summary>
public static class CompilationTables
{
    extension(AppDbContext db)
    {
        public DbSet<NationalCompilation> Compilations => db.Set<NationalCompilation>();
        public DbSet<CompiledDistrict> CompiledDistricts => db.Set<CompiledDistrict>();
    }
}
