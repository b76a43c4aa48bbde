import ArgumentParser
import LiaisonCore

/// What `set`, `add` and `delete` share: a Document on the data file, its verdicts reported, and
/// its save (lock, compare, merge, stamps, atomic write).
struct EditSession {
    let document: Document
    let path: String

    init(dataOptions: DataOptions) throws {
        path = try dataOptions.resolvedPath()
        document = try dataOptions.openDocument(at: path)
        // The process ends when the command is done: freeing 100,000 partners one by one would
        // keep the user waiting 50 ms more for nothing, so the document is left to the exit.
        _ = Unmanaged.passRetained(document)
        if let reason = document.readOnlyReason { throw CLIFailure.usage("\(path) is read-only: \(reason)") }
    }

    /// Reports an edit's outcome: refused (exit 1, with each rule), or applied with its warnings.
    /// `adding` says the record is new, for the messages ("was not added").
    func check(_ outcome: EditOutcome, id: String, adding: Bool = false, lookalikeFlag: String = "--allow-duplicate") throws {
        let notDone = adding ? "was not added" : "was not changed"
        switch outcome {
        case .applied(_, let warnings):
            for warning in warnings { Console.note("warning: \(warning)") }
        case .unchanged:
            break
        case .refused(let problems):
            let lines = problems.map { "  \($0)" }.joined(separator: "\n")
            throw CLIFailure(message: "liaison: \(id) \(notDone); it breaks \(problems.count == 1 ? "a rule" : "these rules"):\n\(lines)", code: 1)
        case .lookalike(let match):
            throw CLIFailure(message: "liaison: \(id) \(notDone): it \(match.problem): \(match) (\(lookalikeFlag) saves it anyway)", code: 1)
        case .readOnly(let reason):
            throw CLIFailure.usage("\(path) is read-only: \(reason)")
        }
    }

    /// Saves, or with `dryRun` shows what would be saved.
    func finish(id: String, dryRun: Bool, verb: String) throws {
        if dryRun {
            if let record = document.store.record(id: id) { JSONOutput.write(NetworkCoding.encode(record) + [0x0A]) }
            Console.note("dry run: \(path) was not changed")
            return
        }
        try save(done: "\(verb) \(id) in \(path)", nothingToSave: "\(id) already has these values; the file was not written")
    }

    /// Saves through the document (lock, compare, merge, stamps, audit trail) and says how it went.
    func save(done: String, nothingToSave: String) throws {
        switch document.save() {
        case .saved(let merged):
            Console.note(done + (merged ? ", merged with changes others saved meanwhile" : ""))
            if let problem = document.historyProblem { Console.note("warning: \(problem)") }
        case .nothingToSave:
            Console.note(nothingToSave)
        case .conflicts(let conflicts):
            let lines = conflicts.conflicts.map { conflict in
                "  \(conflict)" + (conflict.savedByText(you: document.editor).map { " (saved by \($0))" } ?? "")
            }.joined(separator: "\n")
            throw CLIFailure(message: "liaison: someone else saved changes to the same values; nothing was saved:\n\(lines)", code: 1)
        case .failed(let reason):
            throw CLIFailure.usage("not saved: \(reason)")
        }
    }
}

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change fields of a record: liaison set ID FIELD=VALUE...",
        discussion: """
        Lists are comma-separated (tags=japan,strategic); a single link takes one id \
        (partnerId=utokyo); an empty value removes an optional field (notes=). Values are checked \
        by the same rules as the dashboard's forms: a value outside a field's list (status=actve), \
        a website that is not http(s), an e-mail address that is not one, or a link to no record is \
        refused, and nothing is written. The save takes a lock, merges with changes others saved \
        since the file was read, stamps who changed the record, and is atomic. Agreements and \
        quotas cannot be set this way.
        \(fieldList)
        Examples:
          liaison set utokyo status=active city=Tokyo
          liaison set japan-desk email=japan@example.org --dry-run
        """
    )

    /// The fields `set` takes for each kind of record, from the record tables: a line per kind
    /// ("Partner fields: name, localName, ...").
    static var fieldList: String {
        RecordKind.allCases.map { kind in
            kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst() + " fields: "
                + FieldAssignment.settableFields(of: kind).joined(separator: ", ") + "."
        }.joined(separator: "\n")
    }

    @Argument(help: "The record's id.", completion: Completions.recordIds)
    var id: String

    @Argument(help: "FIELD=VALUE pairs.")
    var assignments: [String]

    @Flag(name: .long, help: "Check and show the changed record without saving.")
    var dryRun = false

    @Flag(name: .long, help: "Save a partner even if it then looks like another (same name and country, Erasmus or SCHAC code).")
    var allowDuplicate = false

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        var pairs: [(key: String, value: String)] = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw CLIFailure.usage("\"\(assignment)\" is not FIELD=VALUE")
            }
            pairs.append((String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...])))
        }
        let session = try EditSession(dataOptions: dataOptions)
        guard let record = session.document.store.record(id: id) else {
            throw CLIFailure.notFound("no record has the id \"\(id)\"")
        }
        // Only a partner is compared with others, the directory's codes included.
        if record.kind == .partner { session.document.directory = try DirectoryCommand.loadIndex() }
        let updated: Record
        do {
            updated = try FieldAssignment.apply(pairs, to: record)
        } catch {
            throw CLIFailure(message: "liaison: \(id) was not changed: \(error)", code: 1)
        }
        try session.check(session.document.put(updated, allowLookalike: allowDuplicate), id: id)
        try session.finish(id: id, dryRun: dryRun, verb: "changed")
    }
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a partner: liaison add partner --name NAME --country CC ...",
        discussion: """
        The id is made from the name unless --id gives one. Checked by the same rules as the \
        dashboard's form, then locked, merged and saved as `set` does. A partner with the same \
        name in the same country, the same Erasmus code, PIC or SCHAC code as one already there, \
        or (with a directory imported) a name of a directory entry whose code one already there \
        has, is refused unless --allow-duplicate. \
        --from-directory TEXT starts from the directory's entry for TEXT (see `liaison directory`): \
        name, local name, short name, country, city, website, Erasmus code, PIC and SCHAC code as \
        the entry has them; the options given win over them. TEXT is part of a name, a whole \
        name, an Erasmus code, a PIC, or a source and id as `directory find` shows them \
        (ror:https://ror.org/..., eche:PL KRAKOW01). When several entries match, they are listed \
        and nothing is added (exit 1).
        Examples:
          liaison add partner --from-directory "jagiellonian" --status active
          liaison add partner --name "Kyoto University" --country JP
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case partner }

    @Argument(help: "What to add.")
    var kind: Kind

    @Option(name: .long, help: "The partner's name in English or its own Latin-script name (required without --from-directory).")
    var name: String?

    @Option(name: .long, help: "ISO 3166-1 alpha-2 country code (JP; required without --from-directory).")
    var country: String?

    @Option(name: .long, help: ArgumentHelp("\(Partner.partnershipTypes.joined(separator: ", ")) (default: \(NewRecord.partnerDefaults.type)).", valueName: "type"))
    var type: String?

    @Option(name: .long, help: ArgumentHelp("\(Partner.statuses.joined(separator: ", ")) (default: \(NewRecord.partnerDefaults.status)).", valueName: "status"))
    var status: String?

    @Option(name: .long, help: "The name in the partner's own script.")
    var localName: String?

    @Option(name: .long, help: "Short name (UTokyo).")
    var shortName: String?

    @Option(name: .long, help: "The city (Krakow).")
    var city: String?

    @Option(name: .long, help: "An http(s) URL.")
    var website: String?

    @Option(name: .long, help: "The Erasmus code (PL KRAKOW01).")
    var erasmusCode: String?

    @Option(name: .long, help: "The PIC (9 digits).")
    var pic: String?

    @Option(name: .long, help: "The SCHAC code (uj.edu.pl).")
    var schacCode: String?

    @Option(name: .long, help: "A tag; repeat for more.")
    var tag: [String] = []

    @Option(name: .long, help: "The id (default: made from the name).")
    var id: String?

    @Option(name: .long, help: ArgumentHelp("Start from the directory's entry for this text: part of a name, a name, an Erasmus code, a PIC, or SOURCE:ID.", valueName: "text"))
    var fromDirectory: String?

    @Flag(name: .long, help: "Check and show the new record without saving.")
    var dryRun = false

    @Flag(name: .long, help: "Add the partner even if it looks like one already there.")
    var allowDuplicate = false

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if fromDirectory == nil, name == nil || country == nil {
            throw ValidationError("--name and --country are needed, unless --from-directory gives them")
        }
    }

    func run() throws {
        let session = try EditSession(dataOptions: dataOptions)
        if let id, session.document.store.position(of: id) != nil {
            throw CLIFailure(message: "liaison: the id \"\(id)\" is already used", code: 1)
        }
        let directory = try DirectoryCommand.loadIndex()
        session.document.directory = directory
        // The options are read as a form's fields are: through the partner table.
        let given: [(key: String, value: String?)] = [
            ("name", name), ("country", country), ("partnershipType", type), ("status", status), ("localName", localName),
            ("shortName", shortName), ("city", city), ("website", website), ("erasmusCode", erasmusCode), ("pic", pic),
            ("schacCode", schacCode), ("tags", tag.isEmpty ? nil : tag.joined(separator: ",")),
        ]
        var fields = given.compactMap { field in field.value.map { (key: field.key, value: $0) } }
        if let fromDirectory {
            let entry = try directoryEntry(fromDirectory, in: directory)
            let filled = DirectoryPartner.fields(of: entry).filter { field in !fields.contains { $0.key == field.key } }
            let lines = filled.map { "\n  \(Schema.label(forPath: $0.key, in: .partner)): \($0.value)" }
            Console.note("filled from \(DirectoryPartner.origin(of: entry)):" + lines.joined())
            fields = filled + fields
        }
        let defaults = [("partnershipType", type), ("status", status)].filter { $0.1 == nil }.map(\.0)
        if !defaults.isEmpty {
            let blank = NewRecord.blank(.partner)
            Console.note("defaults: " + defaults.map { "\(Schema.label(forPath: $0, in: .partner)) \(RecordText.text(of: blank, key: $0))" }.joined(separator: ", "))
        }
        let record: Record
        do {
            record = try FieldAssignment.apply(fields, to: NewRecord.blank(.partner))
        } catch {
            throw CLIFailure(message: "liaison: the partner was not added: \(error)", code: 1)
        }
        let partner = NewRecord.withId(id ?? session.document.newId(from: record.displayName, kind: .partner), record)
        try session.check(session.document.put(partner, allowLookalike: allowDuplicate), id: partner.id, adding: true)
        try session.finish(id: partner.id, dryRun: dryRun, verb: "added")
    }

    /// The one entry the text names, or exit 1 listing those it could be.
    private func directoryEntry(_ text: String, in directory: DirectoryIndex?) throws -> DirectoryEntry {
        guard let directory else {
            throw CLIFailure.notFound(DirectoryCommand.empty)
        }
        switch DirectoryChoice.choose(text, in: directory) {
        case .one(let entry):
            return entry
        case .none:
            throw CLIFailure.notFound("no directory entry matches \"\(text)\"")
        case .several(let entries):
            let lines = entries.map { "  \(DirectoryCommand.line(for: $0))\n    --from-directory '\($0.source.rawValue):\($0.id)'" }
            throw CLIFailure.notFound("\"\(text)\" matches several directory entries; name one:\n" + lines.joined(separator: "\n"))
        }
    }
}

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete a record and every link to it: liaison delete ID",
        discussion: """
        Lists the links that go with the record (an event's partners, a partner's contacts...), \
        then removes the record and those links together, locked, merged and saved as `set` does. \
        With --dry-run nothing is written.
        """
    )

    @Argument(help: "The record's id.", completion: Completions.recordIds)
    var id: String

    @Flag(name: .long, help: "Show what would be deleted without saving.")
    var dryRun = false

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let session = try EditSession(dataOptions: dataOptions)
        guard let deletion = session.document.deletion(of: id) else {
            throw CLIFailure.notFound("no record has the id \"\(id)\"")
        }
        let record = deletion.record
        Console.print("\(dryRun ? "would delete" : "deleting") \(record.kind.rawValue) \(record.displayName) (\(record.id))")
        for link in deletion.linkDescriptions { Console.print("  and its link from \(link)") }
        if dryRun {
            Console.note("dry run: \(session.path) was not changed")
            return
        }
        try session.check(session.document.delete(id: id), id: id)
        try session.finish(id: id, dryRun: false, verb: "deleted")
    }
}
