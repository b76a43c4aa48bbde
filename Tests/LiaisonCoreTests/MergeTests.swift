import Foundation
import Testing
@testable import LiaisonCore

/// The cases of docs/merge.md, one test each.
@Suite("Three-way merge")
struct MergeTests {
    let base: Network

    init() throws {
        base = try Fixtures.sample()
    }

    private func change(_ network: Network, _ id: String, _ edit: (inout Partner) -> Void) -> Network {
        var network = network
        let index = network.partners.firstIndex { $0.id == id }!
        edit(&network.partners[index])
        return network
    }

    private func remove(_ network: Network, _ id: String) -> Network {
        var network = network
        network.partners.removeAll { $0.id == id }
        return network
    }

    private func partner(_ id: String, city: String? = nil) -> Partner {
        var partner = Partner()
        partner.id = id
        partner.name = "New \(id)"
        partner.country = "AT"
        partner.partnershipType = "exchange"
        partner.status = "planned"
        partner.city = city
        return partner
    }

    @Test func disjointRecords() {
        let mine = change(base, "utokyo") { $0.city = "Bunkyō" }
        let theirs = change(base, "osaka") { $0.city = "Toyonaka" }
        let result = Merge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.network.partners.first { $0.id == "utokyo" }?.city == "Bunkyō")
        #expect(result.network.partners.first { $0.id == "osaka" }?.city == "Toyonaka")
    }

    @Test func disjointFields() {
        let mine = change(base, "utokyo") { $0.city = "Bunkyō" }
        let theirs = change(base, "utokyo") { $0.notes = "theirs" }
        let result = Merge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts.isEmpty)
        let tokyo = result.network.partners.first { $0.id == "utokyo" }
        #expect(tokyo?.city == "Bunkyō" && tokyo?.notes == "theirs")
    }

    @Test func sameFieldSameValue() {
        let mine = change(base, "utokyo") { $0.city = "Bunkyō" }
        let result = Merge.merge(base: base, mine: mine, theirs: mine)
        #expect(result.conflicts.isEmpty)
        #expect(result.network == mine)
    }

    @Test func sameFieldDifferentValues() {
        let mine = change(base, "utokyo") { $0.city = "Bunkyō" }
        let theirs = change(base, "utokyo") { $0.city = "Hongō" }
        let result = Merge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts.count == 1)
        #expect(result.conflicts.first?.description == #"partner utokyo: city is "Bunkyō" here and "Hongō" in the file"#)
    }

    @Test func deleteVersusUntouched() {
        let mine = remove(base, "osaka")
        let result = Merge.merge(base: base, mine: mine, theirs: base)
        #expect(result.conflicts.isEmpty)
        #expect(!result.network.partners.contains { $0.id == "osaka" })
    }

    @Test func deleteVersusEdit() {
        let mine = remove(base, "osaka")
        let theirs = change(base, "osaka") { $0.notes = "renewed" }
        let result = Merge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts.map(\.kind) == [.deletedByMe])
        #expect(result.network.partners.first { $0.id == "osaka" }?.notes == "renewed", "nothing is dropped")

        let reverse = Merge.merge(base: base, mine: theirs, theirs: mine)
        #expect(reverse.conflicts.map(\.kind) == [.deletedByThem])
        #expect(reverse.network.partners.first { $0.id == "osaka" }?.notes == "renewed")
    }

    @Test func deletedByBoth() {
        let both = remove(base, "osaka")
        let result = Merge.merge(base: base, mine: both, theirs: both)
        #expect(result.conflicts.isEmpty)
        #expect(result.network == both)
    }

    @Test func addedOnEachSide() {
        var mine = base
        mine.partners.append(partner("mine-new"))
        var theirs = base
        theirs.partners.insert(partner("their-new"), at: 3)
        let result = Merge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.network.partners[3].id == "their-new")
        #expect(result.network.partners.last?.id == "mine-new")
        #expect(result.network.partners.count == base.partners.count + 2)
    }

    @Test func bothAddedTheSameId() {
        var mine = base
        mine.partners.append(partner("same"))
        let equal = Merge.merge(base: base, mine: mine, theirs: mine)
        #expect(equal.conflicts.isEmpty)
        var theirs = base
        theirs.partners.append(partner("same", city: "Graz"))
        let different = Merge.merge(base: base, mine: mine, theirs: theirs)
        #expect(different.conflicts.map(\.kind) == [.bothAdded])
        #expect(different.network.partners.filter { $0.id == "same" }.count == 1)
    }

    @Test func unknownKeysOnBothSides() {
        let mine = change(base, "utokyo") { $0.extra.members.append(JSONObject.Member("x", .number("1"))) }
        let theirs = change(base, "utokyo") { $0.extra.members.append(JSONObject.Member("y", .string("two"))) }
        let result = Merge.merge(base: base, mine: mine, theirs: theirs)
        #expect(result.conflicts.isEmpty)
        let tokyo = result.network.partners.first { $0.id == "utokyo" }!
        #expect(tokyo.extra["x"] == .number("1") && tokyo.extra["y"] == .string("two"))

        let clash = change(base, "utokyo") { $0.extra.members.append(JSONObject.Member("x", .number("2"))) }
        let conflict = Merge.merge(base: base, mine: mine, theirs: clash)
        #expect(conflict.conflicts.map(\.kind) == [.field("x")])
    }
}
