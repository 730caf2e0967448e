using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Otop.Web.Tests.Architecture;

/// <summary>
/// One use of a type or member by code of the app: who uses it (the outermost type of the user, so a lambda, an async state
/// machine or a local function counts as the method that holds it), what it uses, and the source files the use is in.
/// </summary>
/// <param name="From">Full name of the outermost using type ("Otop.Web.Features.Registry.RegistryImport").</param>
/// <param name="FromArea">Where the user lives: "Platform", "Feature:Registry", "Features" (the root pages), "Program", or "".</param>
/// <param name="To">Full name of the type used (for a member, its declaring type).</param>
/// <param name="ToMember">The member used ("IsSqlite", "RunAsync"), or null when only the type is named.</param>
/// <param name="ToArea">Where the used type lives, as <paramref name="FromArea"/>; "" for a type outside the app.</param>
/// <param name="PublicTarget">The type (and each type it is nested in) and the member are public.</param>
/// <param name="Documents">Source files of the use, from the PDB: the statement of an IL instruction, else the method's or the type's files.</param>
public sealed record CodeReference(string From, string FromArea, string To, string? ToMember, string ToArea, bool PublicTarget,
    IReadOnlyCollection<string> Documents)
{
    public override string ToString() => $"{From} -> {To}{(ToMember is null ? "" : "::" + ToMember)} [{string.Join(", ", Documents)}]";
}

/// <summary>
/// Reads a built assembly with Mono.Cecil and lists every reference its code makes: base types, interfaces, generic
/// constraints and arguments, attributes (and their typeof arguments), fields, properties, events, method signatures,
/// locals and IL operands (types, methods, fields), compiler-generated nested types included. Razor views
/// (AspNetCoreGeneratedDocument.*) belong to the feature of the .cshtml named by their [RazorCompiledItemMetadata].
/// </summary>
public static class CodeReferences
{
    public static List<CodeReference> Read(string assemblyPath)
    {
        var symbols = File.Exists(Path.ChangeExtension(assemblyPath, ".pdb"));
        using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { ReadSymbols = symbols });
        return Read(module);
    }

    public static List<CodeReference> Read(ModuleDefinition module)
    {
        var found = new List<CodeReference>();
        foreach (var type in module.GetTypes())
        {
            if (type.Name == "<Module>") continue;
            new Walker(module, type, found).Walk();
        }
        return found;
    }

    /// <summary>"Platform", "Feature:X", "Features" (the pages at the root of Features/), "Program", or "" (anything else).</summary>
    public static string AreaOf(string fullName)
    {
        if (fullName == "Program") return "Program";
        if (fullName.StartsWith("Otop.Web.Platform.", StringComparison.Ordinal)) return "Platform";
        const string features = "Otop.Web.Features.";
        if (!fullName.StartsWith(features, StringComparison.Ordinal)) return "";
        var rest = fullName[features.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? "Features" : "Feature:" + rest[..dot];
    }

    /// <summary>A Razor view's area from its path: "/Features/Revenue/Entry.cshtml" is Feature:Revenue, "/Features/Index.cshtml" Features.</summary>
    public static string AreaOfView(string path)
    {
        var parts = path.TrimStart('/').Split('/');
        if (parts.Length < 2 || parts[0] != "Features") return "";
        return parts.Length == 2 ? "Features" : "Feature:" + parts[1];
    }

    private sealed class Walker(ModuleDefinition module, TypeDefinition type, List<CodeReference> found)
    {
        private readonly TypeDefinition outer = Outermost(type);
        private string? area;
        private IReadOnlyCollection<string>? typeDocuments;

        private string FromArea => area ??= ViewPath(outer) is { } view ? AreaOfView(view) : AreaOf(outer.FullName);

        public void Walk()
        {
            var docs = TypeDocuments();
            if (type.BaseType is { } baseType) AddType(baseType, docs);
            foreach (var i in type.Interfaces) AddType(i.InterfaceType, docs);
            foreach (var g in type.GenericParameters) AddGenericParameter(g, docs);
            AddAttributes(type, docs);
            foreach (var f in type.Fields)
            {
                AddType(f.FieldType, docs);
                AddAttributes(f, docs);
            }
            foreach (var p in type.Properties)
            {
                AddType(p.PropertyType, docs);
                AddAttributes(p, docs);
            }
            foreach (var e in type.Events) AddType(e.EventType, docs);
            foreach (var m in type.Methods) WalkMethod(m);
        }

        private void WalkMethod(MethodDefinition method)
        {
            var docs = MethodDocuments(method) is { Count: > 0 } own ? own
                : StateMachineDocuments(method) is { Count: > 0 } machine ? machine
                : TypeDocuments();
            AddType(method.ReturnType, docs);
            foreach (var p in method.Parameters)
            {
                AddType(p.ParameterType, docs);
                AddAttributes(p, docs);
            }
            foreach (var g in method.GenericParameters) AddGenericParameter(g, docs);
            AddAttributes(method, docs);
            foreach (var o in method.Overrides) AddMethod(o, docs);
            if (!method.HasBody) return;
            foreach (var v in method.Body.Variables) AddType(v.VariableType, docs);
            foreach (var h in method.Body.ExceptionHandlers)
            {
                if (h.CatchType is not null) AddType(h.CatchType, docs);
            }
            var points = method.DebugInformation.HasSequencePoints
                ? method.DebugInformation.SequencePoints.Where(s => !s.IsHidden).ToList()
                : [];
            var next = 0;
            IReadOnlyCollection<string> here = docs;
            foreach (var instruction in method.Body.Instructions)
            {
                // The statement an instruction belongs to is the last sequence point at or before its offset.
                while (next < points.Count && points[next].Offset <= instruction.Offset)
                {
                    here = [Normalize(points[next].Document.Url)];
                    next++;
                }
                switch (instruction.Operand)
                {
                    case MethodReference m: AddMethod(m, here); break;
                    case FieldReference f: AddField(f, here); break;
                    case TypeReference t: AddType(t, here); break;
                }
            }
        }

        private void AddAttributes(ICustomAttributeProvider provider, IReadOnlyCollection<string> docs)
        {
            foreach (var a in provider.CustomAttributes)
            {
                AddMethod(a.Constructor, docs);
                foreach (var arg in a.ConstructorArguments.Concat(a.Properties.Select(p => p.Argument)).Concat(a.Fields.Select(f => f.Argument)))
                {
                    if (arg.Value is TypeReference t) AddType(t, docs);
                }
            }
        }

        private void AddGenericParameter(GenericParameter g, IReadOnlyCollection<string> docs)
        {
            foreach (var c in g.Constraints) AddType(c.ConstraintType, docs);
        }

        private void AddMethod(MethodReference method, IReadOnlyCollection<string> docs)
        {
            if (method is GenericInstanceMethod generic)
            {
                foreach (var arg in generic.GenericArguments) AddType(arg, docs);
            }
            AddType(method.DeclaringType, docs, skipSelf: true);
            var definition = InOurModule(method.DeclaringType) ? method.Resolve() : null;
            Add(method.DeclaringType, method.Name, definition is null ? null : IsPublic(definition.DeclaringType) && definition.IsPublic, docs);
        }

        private void AddField(FieldReference field, IReadOnlyCollection<string> docs)
        {
            AddType(field.DeclaringType, docs, skipSelf: true);
            var definition = InOurModule(field.DeclaringType) ? field.Resolve() : null;
            Add(field.DeclaringType, field.Name, definition is null ? null : IsPublic(definition.DeclaringType) && definition.IsPublic, docs);
        }

        private void AddType(TypeReference reference, IReadOnlyCollection<string> docs, bool skipSelf = false)
        {
            switch (reference)
            {
                case GenericParameter:
                    return;
                case GenericInstanceType generic:
                    foreach (var arg in generic.GenericArguments) AddType(arg, docs);
                    AddType(generic.ElementType, docs, skipSelf);
                    return;
                case FunctionPointerType:
                    return;
                case TypeSpecification spec:
                    AddType(spec.ElementType, docs, skipSelf);
                    return;
            }
            if (skipSelf) return;
            var definition = InOurModule(reference) ? reference.Resolve() : null;
            Add(reference, null, definition is null ? null : IsPublic(definition), docs);
        }

        private void Add(TypeReference target, string? member, bool? isPublic, IReadOnlyCollection<string> docs)
        {
            var element = target.GetElementType();
            var to = Outermost(element);
            var toName = FullName(element);
            var toArea = InOurModule(element) ? (ViewPath(to) is { } view ? AreaOfView(view) : AreaOf(to.FullName)) : "";
            found.Add(new CodeReference(outer.FullName, FromArea, toName, member, toArea, isPublic ?? true, docs));
        }

        private bool InOurModule(TypeReference reference) =>
            reference.GetElementType().Scope is ModuleDefinition m && m == module;

        private IReadOnlyCollection<string> TypeDocuments()
        {
            if (typeDocuments is not null) return typeDocuments;
            // A member without statements of its own (a field, an auto-property) is in every file of its type (and of the
            // types it is nested in): for a partial type that is all of its files, the strictest reading.
            for (var t = type; t is not null; t = t.DeclaringType)
            {
                var docs = t.Methods.SelectMany(MethodDocuments).Concat(t.NestedTypes.SelectMany(n => n.Methods.SelectMany(MethodDocuments)))
                    .Distinct().ToList();
                if (docs.Count > 0) return typeDocuments = docs;
            }
            return typeDocuments = [];
        }

        // An async or iterator method's statements are in its state machine's MoveNext; its signature is in the same file.
        private static IReadOnlyCollection<string> StateMachineDocuments(MethodDefinition method) =>
            method.CustomAttributes
                .Where(a => a.AttributeType.Name.EndsWith("StateMachineAttribute", StringComparison.Ordinal) && a.ConstructorArguments.Count == 1)
                .Select(a => (a.ConstructorArguments[0].Value as TypeReference)?.Resolve())
                .SelectMany(t => t?.Methods.SelectMany(MethodDocuments) ?? [])
                .Distinct().ToList();

        private static IReadOnlyCollection<string> MethodDocuments(MethodDefinition method) =>
            method.DebugInformation.HasSequencePoints
                ? method.DebugInformation.SequencePoints.Where(s => !s.IsHidden).Select(s => Normalize(s.Document.Url)).Distinct().ToList()
                : [];
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static string FullName(TypeReference type) => type.FullName.Replace('/', '+');

    private static bool IsPublic(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (!(t.IsPublic || t.IsNestedPublic)) return false;
        }
        return true;
    }

    /// <summary>
    /// The .cshtml a compiled Razor view came from: its [RazorCompiledItemMetadata("Identifier", path)], or the one of its
    /// [RazorSourceChecksum] paths the class is named after ("/Features/Shared/_Layout.cshtml" is Features_Shared__Layout).
    /// Views are AspNetCoreGeneratedDocument.* by default, or in the namespace _ViewImports.cshtml gives them.
    /// </summary>
    private static string? ViewPath(TypeReference reference)
    {
        var type = reference.Resolve();
        if (type is null) return null;
        var identifier = type.CustomAttributes
            .Where(a => a.AttributeType.Name == "RazorCompiledItemMetadataAttribute" && a.ConstructorArguments.Count == 2
                && a.ConstructorArguments[0].Value as string == "Identifier")
            .Select(a => a.ConstructorArguments[1].Value as string)
            .FirstOrDefault();
        return identifier ?? type.CustomAttributes
            .Where(a => a.AttributeType.Name == "RazorSourceChecksumAttribute" && a.ConstructorArguments.Count == 3)
            .Select(a => a.ConstructorArguments[2].Value as string)
            .FirstOrDefault(path => path is not null && path.TrimStart('/').Replace(".cshtml", "").Replace('/', '_') == type.Name);
    }
}
