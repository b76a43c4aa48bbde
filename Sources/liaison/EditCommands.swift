import ArgumentParser
import LiaisonCore

/// What `set` and `add` share: validation through the store, the stamp of who changed what, and
/// the shared save (lock, compare, merge, atomic write).
struct EditSession {
    let file: NetworkFile
    let store: Store

    init(dataOptions: DataOptions) throws {
        file = try dataOptions.load()
        if let reason = file.readOnlyReason { throw CLIFailure.usage("\(file.path) is read-only: \(reason)") }
        store = Store(network: file.network)
    }

    /// Applies an edit; a record that breaks a rule is refused (exit 1) with the rule named.
    func put(_ record: Record) throws {
        var record = record
        if case .partner(var partner) = record {
            partner.updatedAt = ChangeStamp.now()
            partner.updatedBy = ChangeStamp.loginName()
            record = .partner(partner)
        }
        do {
            try store.apply(.put(record))
        } catch {
            throw CLIFailure(message: "liaison: \(record.id) was not changed: \(error)", code: 1)
        }
    }

    /// Saves, or with `dryRun` shows what would be saved.
    func finish(id: String, dryRun: Bool, verb: String) throws {
        if dryRun {
            if let record = store.record(id: id) { Console.writeBytes(NetworkCoding.encode(record) + [0x0A]) }
            Console.note("dry run: \(file.path) was not changed")
            return
        }
        do {
            let saved = try SharedSave.save(store.network, base: file.network, baseStamp: file.stamp, to: file.path)
            Console.note("\(verb) \(id) in \(file.path)" + (saved.merged ? ", merged with changes others saved meanwhile" : ""))
        } catch {
            if case .conflicts = error { throw CLIFailure(message: "liaison: \(error)", code: 1) }
            throw CLIFailure.usage(error.description)
        }
    }
}

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change fields of a record: liaison set ID FIELD=VALUE…",
        discussion: """
        Lists are comma-separated (tags=japan,strategic); an empty value removes an optional field
        (notes=). The record is checked by the same rules as a loaded file. The save takes a lock,
        merges with changes others saved since the file was read, and is atomic. Agreements and
        quotas cannot be set this way.
        Examples: liaison set utokyo status=active city=Tokyo
                  liaison set japan-desk email=japan@example.org --dry-run
        """
    )

    @Argument(help: "The record's id.")
    var id: String

    @Argument(help: "FIELD=VALUE pairs.")
    var assignments: [String]

    @Flag(name: .long, help: "Check and show the changed record without saving.")
    var dryRun = false

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
        guard let record = session.store.record(id: id) else {
            throw CLIFailure.notFound("no record has the id \"\(id)\"")
        }
        let updated: Record
        do {
            updated = try FieldAssignment.apply(pairs, to: record)
        } catch {
            throw CLIFailure(message: "liaison: \(id) was not changed: \(error)", code: 1)
        }
        try session.put(updated)
        try session.finish(id: id, dryRun: dryRun, verb: "changed")
    }
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a partner: liaison add partner --name NAME --country CC …",
        discussion: "The id is made from the name unless --id gives one. Checked, locked, merged and saved as `set` does."
    )

    enum Kind: String, ExpressibleByArgument { case partner }

    @Argument(help: "What to add (partner).")
    var kind: Kind

    @Option(name: .long, help: "The partner's name in English or its own Latin-script name.")
    var name: String

    @Option(name: .long, help: "ISO 3166-1 alpha-2 country code (JP).")
    var country: String

    @Option(name: .long, help: "research-led, global-engagement, exchange or network.")
    var type = "exchange"

    @Option(name: .long, help: "active, planned, suspended or ended.")
    var status = "planned"

    @Option(name: .long, help: "The name in the partner's own script.")
    var localName: String?

    @Option(name: .long, help: "Short name (UTokyo).")
    var shortName: String?

    @Option(name: .long) var city: String?

    @Option(name: .long, help: "An http(s) URL.")
    var website: String?

    @Option(name: .long, help: "A tag; repeat for more.")
    var tag: [String] = []

    @Option(name: .long, help: "The id (default: made from the name).")
    var id: String?

    @Flag(name: .long, help: "Check and show the new record without saving.")
    var dryRun = false

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let session = try EditSession(dataOptions: dataOptions)
        var partner = Partner()
        partner.id = id ?? ChangeStamp.newId(from: name) { session.store.location(of: $0) != nil }
        if let id, session.store.location(of: id) != nil {
            throw CLIFailure(message: "liaison: the id \"\(id)\" is already used", code: 1)
        }
        partner.name = name
        partner.country = country
        partner.partnershipType = type
        partner.status = status
        partner.localName = localName
        partner.shortName = shortName
        partner.city = city
        partner.website = website
        partner.tags = tag
        try session.put(.partner(partner))
        try session.finish(id: partner.id, dryRun: dryRun, verb: "added")
    }
}
