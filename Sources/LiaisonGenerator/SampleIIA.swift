import LiaisonCore

/// An Erasmus IIA of RUB (`ruhr-uni-bochum.de`, the hei-id its website gives) with the
/// Jagiellonian University (`uj.edu.pl`), for tests and demonstrations: student studies each way
/// and staff teaching from RUB.
public enum SampleIIA {
    public static let ourHeiID = "ruhr-uni-bochum.de"
    public static let partnerHeiID = "uj.edu.pl"
    /// The sample network's partner and agreement that `network` gives the IIA.
    public static let partnerID = "jagiellonian"
    public static let agreementID = "uj-erasmus"

    public static let parties = IIAParties(ourHeiID: ourHeiID, partnerHeiID: partnerHeiID, ourName: "RUB", partnerName: "UJ")

    public static func mobility(_ kind: String, from sending: String, to receiving: String, perYear: Int = 2) -> MobilitySpecification {
        var mobility = MobilitySpecification()
        mobility.kind = kind
        mobility.sending = sending
        mobility.receiving = receiving
        mobility.firstAcademicYear = "2025/2026"
        mobility.lastAcademicYear = "2028/2029"
        mobility.mobilitiesPerYear = perYear
        // IIA v7's XSD requires a recommended language skill in every specification.
        var english = LanguageSkill()
        english.language = "en"
        english.cefrLevel = "B2"
        mobility.languageSkills = [english]
        if mobility.isStudentMobility {
            mobility.totalMonthsPerYear = "10"
            mobility.blended = false
            mobility.eqfLevels = [6, 7]
            mobility.subjectAreas = [SubjectArea(code: "0314", clarification: "Sociology")]
        } else {
            mobility.totalDaysPerYear = "5"
        }
        return mobility
    }

    public static var iia: IIA {
        var iia = IIA()
        var ours = IIASide()
        ours.iiaId = "rub-2025-17"
        ours.iiaCode = "RUB/ER/17"
        ours.signingDate = Day("2025-03-01")
        var theirs = IIASide()
        theirs.iiaId = "UJ-991"
        iia.ours = ours
        iia.theirs = theirs
        iia.inEffect = true
        iia.mobilities = [
            mobility("student-studies", from: ourHeiID, to: partnerHeiID),
            mobility("student-studies", from: partnerHeiID, to: ourHeiID),
            mobility("staff-teaching", from: ourHeiID, to: partnerHeiID),
        ]
        return iia
    }

    /// The built-in sample network with `iia` on the Jagiellonian University's Erasmus agreement.
    public static func network(_ iia: IIA = iia) -> Network {
        var network = NetworkCoding.decode(SampleNetwork.bytes).network ?? Network()
        for (p, partner) in network.partners.enumerated() where partner.id == partnerID {
            for (a, agreement) in partner.agreements.enumerated() where agreement.id == agreementID {
                network.partners[p].agreements[a].iia = iia
            }
        }
        return network
    }
}
