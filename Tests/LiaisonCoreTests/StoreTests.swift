import Testing
@testable import LiaisonCore

@Suite("Store: lookups, sorted views, undoable edits")
struct StoreTests {
    @Test("records by id, of every kind")
    func lookups() throws {
        let store = Store(network: try Fixtures.sample())
        #expect(store.partner(id: "utokyo")?.localName == "東京大学")
        #expect(store.event(id: "japan-science-days-2018")?.partnerIds == ["utokyo", "osaka", "tsukuba"])
        #expect(store.contact(id: "monika-sprung")?.unit == "International Office")
        #expect(store.objective(id: "attraction")?.order == 5)
        #expect(store.partner(id: "monika-sprung") == nil)
        #expect(store.record(id: "nope") == nil)
    }

    @Test("edit, undo, redo, and the count of unsaved changes")
    func undoRedo() throws {
        let store = Store(network: try Fixtures.sample())
        let original = store.network
        var tokyo = try #require(store.partner(id: "utokyo"))
        tokyo.notes = "edited"
        try store.apply(.put(.partner(tokyo)))
        var contact = try #require(store.contact(id: "japan-desk"))
        contact.role = "Japan and Korea desk"
        try store.apply(.put(.contact(contact)))
        try store.apply(.delete(id: "osaka"))
        #expect(store.unsavedChanges == 3)
        #expect(store.partner(id: "osaka") == nil)

        store.undo()
        #expect(store.partner(id: "osaka") != nil)
        #expect(store.partners.map(\.id) == original.partners.map(\.id), "undoing a delete puts the record back in its place")
        store.undo()
        store.undo()
        #expect(store.network == original)
        #expect(store.unsavedChanges == 0)
        #expect(!store.canUndo)

        store.redo()
        #expect(store.partner(id: "utokyo")?.notes == "edited")
        #expect(store.unsavedChanges == 1)
        store.markSaved()
        #expect(store.unsavedChanges == 0)
        store.undo()
        #expect(store.unsavedChanges == 1)
    }

    @Test("adding appends; an invalid record or a taken id changes nothing")
    func addAndReject() throws {
        let store = Store(network: try Fixtures.sample())
        let partner = Fixtures.newPartner("new-partner", name: "New University", country: "GH")
        try store.apply(.put(.partner(partner)))
        #expect(store.partners.last?.id == "new-partner")

        var bad = partner
        bad.id = "other"
        bad.country = "Ghana"
        #expect(throws: Store.EditError.self) { try store.apply(.put(.partner(bad))) }
        var clash = Contact()
        clash.id = "utokyo"
        clash.name = "Somebody"
        #expect(throws: Store.EditError.duplicateId("utokyo")) { try store.apply(.put(.contact(clash))) }
        #expect(store.unsavedChanges == 1)
        #expect(throws: Store.EditError.notFound("ghost")) { try store.apply(.delete(id: "ghost")) }
    }

    @Test("sorted views by name, country and next agreement end")
    func sortedViews() throws {
        let store = Store(network: try Fixtures.sample())
        let today = Day("2026-11-24")!
        let byName = store.partnerOrder(by: .name, today: today).map { store.partners[$0].name }
        #expect(byName == byName.sorted { TextFolding.fold($0) < TextFolding.fold($1) })
        let byCountry = store.partnerOrder(by: .country, today: today).map { store.partners[$0].country }
        #expect(byCountry == byCountry.sorted())
        let ends = store.partnerOrder(by: .nextEnd, today: today).map { store.partners[$0].nextAgreementEnd(after: today) }
        let dated = ends.compactMap { $0 }
        #expect(dated == dated.sorted())
        #expect(ends.drop { $0 != nil }.allSatisfy { $0 == nil }, "partners without a coming end sort last")
        let descending = store.partnerOrder(by: .nextEnd, ascending: false, today: today).map { store.partners[$0].nextAgreementEnd(after: today) }
        #expect(descending.compactMap { $0 } == dated.reversed())
    }
}

@Suite("Days")
struct DayTests {
    @Test func parsing() {
        #expect(Day("2024-02-29")?.description == "2024-02-29")
        #expect(Day("2025-02-29") == nil)
        #expect(Day("2025-13-01") == nil)
        #expect(Day("2025-1-01") == nil)
        #expect(Day("20250101") == nil)
    }

    @Test func arithmetic() {
        let day = Day("2026-11-24")!
        #expect(Day(daysSinceEpoch: day.daysSinceEpoch) == day)
        #expect(Day(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(day.adding(days: 180).description == "2027-05-23")
        #expect(day.days(until: Day("2027-01-01")!) == 38)
    }
}

@Suite("Store keeps ids unique across the file")
struct StoreIdTests {
    @Test("an agreement id used elsewhere, or a record id that is an agreement's, is refused")
    func agreementIds() throws {
        let store = Store(network: try Fixtures.sample())
        var tokyo = try #require(store.partner(id: "utokyo"))
        var copy = tokyo.agreements[0]
        copy.id = "osaka-coop"
        tokyo.agreements.append(copy)
        #expect(throws: Store.EditError.duplicateId("osaka-coop")) { try store.apply(.put(.partner(tokyo))) }
        var contact = Contact()
        contact.id = "osaka-coop"
        contact.name = "Somebody"
        #expect(throws: Store.EditError.duplicateId("osaka-coop")) { try store.apply(.put(.contact(contact))) }
        // Editing a partner that keeps its own agreements is fine.
        var osaka = try #require(store.partner(id: "osaka"))
        osaka.notes = "edited"
        try store.apply(.put(.partner(osaka)))
        #expect(Validation.duplicateIds(in: store.network).isEmpty)
    }
}

@Suite("Replacing the whole network")
struct StoreReplaceTests {
    @Test("sorted views and lookups follow a replaced network (after a reload or a merged save)")
    func replaceAllDropsDerivedData() throws {
        let store = Store(network: try Fixtures.sample())
        let today = Day("2026-11-24")!
        _ = store.partnerOrder(by: .name, today: today)
        var smaller = store.network
        smaller.partners.removeLast(5)
        let revision = store.revision
        store.replaceAll(with: smaller)
        let order = store.partnerOrder(by: .name, today: today)
        #expect(order.count == smaller.partners.count)
        #expect(order.allSatisfy { smaller.partners.indices.contains($0) })
        #expect(store.revision > revision)
        #expect(store.partner(id: "iitm") == nil)
    }
}
