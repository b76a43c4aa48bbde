import Testing
@testable import LiaisonCore

/// The decoder writes values through `FieldSlot`: straight into a stored property's bytes, or
/// through the key path where it names a computed one. Either way the record must end up as a
/// key-path write would leave it.
@Suite struct FieldSlotTests {
    @Test func storedPropertiesAreWrittenInPlaceAndReplaceTheValueBefore() {
        let notes = FieldSlot(\Partner.notes)
        let tags = FieldSlot(\Partner.tags)
        var partner = Partner()
        partner.notes = "old"
        partner.tags = ["a"]
        let untouched = partner.name
        notes.set("new", in: &partner)
        tags.set(["b", "c"], in: &partner)
        #expect(partner.notes == "new")
        #expect(partner.tags == ["b", "c"])
        #expect(partner.name == untouched)
        notes.set(nil, in: &partner)
        #expect(partner.notes == nil)
    }

    @Test func computedPropertiesAreWrittenThroughTheKeyPath() {
        var network = Network()
        FieldSlot(\Network.optionalSchemaVersion).set(7, in: &network)
        #expect(network.optionalSchemaVersion == 7)
    }

    @Test func nestedRecordsAreWrittenWhole() {
        var agreement = Agreement()
        var quota = Quota()
        quota.incoming = 3
        FieldSlot(\Agreement.quota).set(quota, in: &agreement)
        #expect(agreement.quota?.incoming == 3)
        FieldSlot(\Agreement.start).set(Day(year: 2026, month: 9, day: 1), in: &agreement)
        #expect(agreement.start?.description == "2026-09-01")
    }
}
