import ArgumentParser
import LiaisonCore

/// `liaison check`: checks of the network against outside references.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the network against outside references (the directory).",
        subcommands: [CheckCodes.self]
    )
}

/// `liaison check codes`: the partners' Erasmus codes, PICs and SCHAC codes against their rules
/// and the directory (`CodeCheck` decides what a finding is); `--fix` puts the known values in.
struct CheckCodes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "Partners whose Erasmus code, PIC or SCHAC code is missing, malformed or not the directory's.",
        discussion: """
        A partner is matched to its directory entry by any of its codes (its website's host \
        counts as its SCHAC code where it has none), else by its name (or local name) in its \
        country. A code counts as missing only for partners in Erasmus+ programme countries (EU \
        member states, IS, LI, NO, MK, RS, TR), elsewhere only where the directory has one. A finding names the partner, the field, what is wrong and the \
        value the directory has (or, for a code written otherwise, the same code as the ECHE list \
        writes it). Without an imported directory only missing and malformed codes are found.
        --fix shows the findings, then puts in every value known, saved as `set` saves (lock, \
        merge, audit trail), and prints each change it made.
        Exit status: 0 nothing found (with --fix: everything found was fixed), 1 findings remain.
        Examples:
          liaison check codes
          liaison check codes --fix
          liaison check codes --json
        """
    )

    @Flag(name: .long, help: "Put the directory's values in, and codes written otherwise in the list's form.")
    var fix = false

    @Flag(name: .long, help: "Print the findings as a JSON array.")
    var json = false

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var pager: PagerOptions

    func run() throws {
        pager.start()
        let directory = try DirectoryCommand.loadIndex()
        let session = try fix ? EditSession(dataOptions: dataOptions) : nil
        let partners = try session?.document.store.partners ?? dataOptions.load().network.partners
        let findings = CodeCheck.findings(in: partners, directory: directory)
        if !json { for finding in findings { Console.print(lead: "\(finding.partnerId)  ", "\(finding)") } }
        var fixedIds: Set<String> = []
        if let session { fixedIds = try apply(findings, in: session) }
        let unfixed = findings.filter { !fixedIds.contains($0.partnerId) || $0.suggestion == nil }
        if json {
            JSONOutput.print(.array(findings.map { object(for: $0, fixed: fixedIds.contains($0.partnerId) && $0.suggestion != nil) }))
        } else if findings.isEmpty {
            Console.print("no findings: every partner's Erasmus code, PIC and SCHAC code is there, well formed\(directory == nil ? "" : " and the directory's")")
        }
        if directory == nil { Console.note("no directory is imported, so codes were not compared with one (liaison directory import FILE)") }
        if !findings.isEmpty { Console.note("\(Counted.text(findings.count, "finding")) in \(Counted.text(Set(findings.map(\.partnerId)).count, "partner"))") }
        if !unfixed.isEmpty { throw CLIFailure.failed }
    }

    /// Puts the known values in, prints each change, saves, and returns the partners changed.
    private func apply(_ findings: [CodeFinding], in session: EditSession) throws -> Set<String> {
        var changed: Set<String> = []
        for (id, partnerFindings) in grouped(findings) {
            guard partnerFindings.contains(where: { $0.suggestion != nil }), let partner = session.document.store.partner(id: id) else { continue }
            let fixed = CodeCheck.fixed(partner, by: partnerFindings)
            switch session.document.put(.partner(fixed)) {
            case .applied:
                changed.insert(id)
                if !json {
                    for finding in partnerFindings where finding.suggestion != nil {
                        Console.print("\(id)  set \(finding.field.label): \(finding.value.map { "\"\($0)\"" } ?? "(none)") -> \"\(finding.suggestion!)\"")
                    }
                }
            case .refused(let problems):
                Console.note("\(id) was not changed: \(problems.map(\.description).joined(separator: "; "))")
            case .lookalike(let match):
                Console.note("\(id) was not changed: with these codes it \(match.problem): \(match)")
            case .unchanged, .readOnly:
                break
            }
        }
        if !changed.isEmpty {
            try session.save(done: "fixed codes of \(Counted.text(changed.count, "partner")) in \(session.path)", nothingToSave: "nothing to fix")
        }
        return changed
    }

    /// Findings by partner, in the partners' order.
    private func grouped(_ findings: [CodeFinding]) -> [(String, [CodeFinding])] {
        var order: [String] = []
        var byId: [String: [CodeFinding]] = [:]
        for finding in findings {
            if byId[finding.partnerId] == nil { order.append(finding.partnerId) }
            byId[finding.partnerId, default: []].append(finding)
        }
        return order.map { ($0, byId[$0] ?? []) }
    }

    private func object(for finding: CodeFinding, fixed: Bool) -> JSONValue {
        var members: [JSONObject.Member] = [
            .init("partner", .string(finding.partnerId)), .init("name", .string(finding.partnerName)),
            .init("field", .string(finding.field.rawValue)), .init("problem", .string(finding.problem.rawValue)),
        ]
        func add(_ key: String, _ value: String?) { members.append(.init(key, value.map(JSONValue.string) ?? .null)) }
        add("value", finding.value)
        add("suggestion", finding.suggestion)
        add("origin", finding.origin)
        if fix { members.append(.init("fixed", .bool(fixed))) }
        return .object(JSONObject(members))
    }
}
