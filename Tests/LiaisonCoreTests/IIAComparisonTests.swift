import LiaisonCore
import LiaisonGenerator
import Testing

@Suite("Comparing two copies of an IIA")
struct IIAComparisonTests {
    @Test("The same IIA has no differences")
    func same() {
        let comparison = IIAComparison(ours: SampleIIA.iia, theirs: SampleIIA.iia, parties: SampleIIA.parties)
        #expect(comparison.differences.isEmpty)
        #expect(comparison.agreesInHash)
    }

    @Test("A quota changed is named by its specification, with both values")
    func quotaChanged() {
        var theirs = SampleIIA.iia
        theirs.mobilities[2].mobilitiesPerYear = 3
        let comparison = IIAComparison(ours: SampleIIA.iia, theirs: theirs, parties: SampleIIA.parties)
        #expect(comparison.hashed == ["staff teaching, RUB to UJ: mobilities per year 2 (ours) vs 3 (theirs)"])
        #expect(comparison.notInHash.isEmpty)
        #expect(!comparison.agreesInHash)
    }

    @Test("A subject area added is only in theirs; an EQF level removed only in ours")
    func subjectAreaAdded() {
        var theirs = SampleIIA.iia
        theirs.mobilities[1].subjectAreas.append(SubjectArea(code: "0541", clarification: "Statistics"))
        theirs.mobilities[0].eqfLevels = [6]
        let comparison = IIAComparison(ours: SampleIIA.iia, theirs: theirs, parties: SampleIIA.parties)
        #expect(comparison.hashed == [
            "student studies, RUB to UJ: EQF level 7 only in ours",
            "student studies, UJ to RUB: subject area 0541 (Statistics) only in theirs",
        ])
    }

    @Test("A specification removed is only in ours, and the others still pair up")
    func specificationRemoved() {
        var theirs = SampleIIA.iia
        theirs.mobilities.remove(at: 0)
        theirs.mobilities[1].mobilitiesPerYear = 4
        let comparison = IIAComparison(ours: SampleIIA.iia, theirs: theirs, parties: SampleIIA.parties)
        #expect(comparison.hashed == [
            "student studies, RUB to UJ: only in ours",
            "staff teaching, RUB to UJ: mobilities per year 2 (ours) vs 4 (theirs)",
        ])
    }

    @Test("Fields the hash ignores are listed apart, and the copies still agree in the hash")
    func ignoredByTheHash() {
        var theirs = SampleIIA.iia
        theirs.ours?.iiaCode = "RUB-ER-17"
        theirs.ours?.signingDate = nil
        theirs.inEffect = false
        let comparison = IIAComparison(ours: SampleIIA.iia, theirs: theirs, parties: SampleIIA.parties)
        #expect(comparison.agreesInHash)
        #expect(comparison.hashed.isEmpty)
        #expect(comparison.notInHash == [
            "RUB: IIA code RUB/ER/17 (ours) vs RUB-ER-17 (theirs)",
            "RUB: signed on 2025-03-01 (ours) vs none (theirs)",
            "in effect yes (ours) vs no (theirs)",
        ])
    }

    @Test("An iia-id changed is in the hash; unknown and false flags are the same, as EWP writes them")
    func idAndFlags() {
        var ours = SampleIIA.iia
        ours.terminatedAsAWhole = nil
        ours.mobilities[0].blended = nil
        var theirs = SampleIIA.iia
        theirs.terminatedAsAWhole = false
        theirs.mobilities[0].blended = false
        theirs.theirs?.iiaId = "UJ-992"
        let comparison = IIAComparison(ours: ours, theirs: theirs, parties: SampleIIA.parties)
        #expect(comparison.hashed == ["UJ: IIA id UJ-991 (ours) vs UJ-992 (theirs)"])
    }

    @Test("A unit changed pairs the specification by kind and direction and names the unit")
    func unitChanged() {
        var ours = SampleIIA.iia
        ours.mobilities[2].sendingOunitId = "140"
        var theirs = SampleIIA.iia
        theirs.mobilities[2].sendingOunitId = "141"
        let comparison = IIAComparison(ours: ours, theirs: theirs, parties: SampleIIA.parties)
        #expect(comparison.hashed == ["staff teaching, RUB (unit 140) to UJ: sending unit 140 (ours) vs 141 (theirs)"])
    }

    @Test("Two specifications of one kind and direction pair by best match, named with their years; a swap is an order difference")
    func twinsPairedByBestMatch() {
        var ours = SampleIIA.iia
        var later = SampleIIA.mobility("staff-teaching", from: SampleIIA.ourHeiID, to: SampleIIA.partnerHeiID, perYear: 6)
        later.firstAcademicYear = "2029/2030"
        later.lastAcademicYear = "2030/2031"
        ours.mobilities.append(later)
        var theirs = ours
        theirs.mobilities.swapAt(2, 3)
        let swapped = IIAComparison(ours: ours, theirs: theirs, parties: SampleIIA.parties)
        #expect(swapped.hashed == ["staff teaching: the same specifications in another order"])

        theirs = ours
        theirs.mobilities[3].mobilitiesPerYear = 5
        let changed = IIAComparison(ours: ours, theirs: theirs, parties: SampleIIA.parties)
        #expect(changed.hashed == ["staff teaching, RUB to UJ, 2029/2030-2030/2031: mobilities per year 6 (ours) vs 5 (theirs)"])
    }

    @Test("Copies are of one agreement when a side's iia-id is the same")
    func sameAgreement() {
        var other = SampleIIA.iia
        other.ours?.iiaId = nil
        #expect(SampleIIA.iia.sharesID(with: other))
        other.theirs?.iiaId = "UJ-1"
        #expect(!SampleIIA.iia.sharesID(with: other))
    }

    @Test("Institutions are shown by the network's short names, else their hei-id")
    func names() {
        var network = Network()
        network.institution.shortName = "RUB"
        var partner = Partner()
        partner.schacCode = "HIBO.no"
        partner.shortName = "HVL"
        network.partners = [partner]
        let parties = IIAParties(ourHeiID: "ruhr-uni-bochum.de", partnerHeiID: "hibo.no", network: network)
        #expect(parties.name(of: "hibo.no") == "HVL")
        #expect(parties.name(of: "Ruhr-Uni-Bochum.de") == "RUB")
        #expect(parties.name(of: "uw.edu.pl") == "uw.edu.pl")
        #expect(IIAParties(ourHeiID: "a.de", partnerHeiID: "b.no", ourName: " ").ourName == "a.de")
    }
}
