import Foundation
import LiaisonInterchange

/// EWP documents written for these tests, valid against the official XSDs: a get-response with
/// two IIAs of Ruhr-Universität Bochum (ruhr-uni-bochum.de), one with the University of Warsaw
/// (all four kinds of mobility specification, signers, contacts) and one with HiBo (hibo.no); and
/// an Institutions response for uw.edu.pl. Tests break them one rule at a time.
enum EWPTestDocuments {
    static let getResponse = withHashes("""
    <?xml version="1.0" encoding="UTF-8"?>
    <iias-get-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
        xmlns:c="https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1">
      <iia>
        <partner>
          <hei-id>uw.edu.pl</hei-id>
          <ounit-id>140</ounit-id>
          <iia-id>UW-2025-17</iia-id>
          <iia-code>UW/E+/17</iia-code>
          <signing-contact>
            <c:contact-name>Sylwia Nowak</c:contact-name>
            <c:email>s.nowak@uw.edu.pl</c:email>
            <c:role-description>Vice-Rector</c:role-description>
          </signing-contact>
          <signing-date>2025-03-01</signing-date>
          <c:contact><c:contact-name>Erasmus Office</c:contact-name><c:email>erasmus@uw.edu.pl</c:email></c:contact>
        </partner>
        <partner>
          <hei-id>ruhr-uni-bochum.de</hei-id>
          <iia-id>RUB-0042</iia-id>
          <signing-date>2025-03-14</signing-date>
        </partner>
        <in-effect>true</in-effect>
        <cooperation-conditions>
          <student-studies-mobility-spec>
            <sending-hei-id>ruhr-uni-bochum.de</sending-hei-id>
            <receiving-hei-id>uw.edu.pl</receiving-hei-id>
            <receiving-first-academic-year-id>2025/2026</receiving-first-academic-year-id>
            <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id>
            <mobilities-per-year>4</mobilities-per-year>
            <recommended-language-skill><language>pl</language><cefr-level>B1</cefr-level></recommended-language-skill>
            <recommended-language-skill><language>en</language><cefr-level>B2</cefr-level></recommended-language-skill>
            <subject-area><isced-f-code>0533</isced-f-code><isced-clarification>Physics</isced-clarification></subject-area>
            <total-months-per-year>20</total-months-per-year>
            <blended>false</blended>
            <eqf-level>6</eqf-level>
            <eqf-level>7</eqf-level>
          </student-studies-mobility-spec>
          <student-traineeship-mobility-spec>
            <sending-hei-id>uw.edu.pl</sending-hei-id>
            <receiving-hei-id>ruhr-uni-bochum.de</receiving-hei-id>
            <receiving-first-academic-year-id>2025/2026</receiving-first-academic-year-id>
            <receiving-last-academic-year-id>2027/2028</receiving-last-academic-year-id>
            <mobilities-per-year>2</mobilities-per-year>
            <total-months-per-year>4.5</total-months-per-year>
            <blended>true</blended>
          </student-traineeship-mobility-spec>
          <staff-teacher-mobility-spec>
            <sending-hei-id>ruhr-uni-bochum.de</sending-hei-id>
            <receiving-hei-id>uw.edu.pl</receiving-hei-id>
            <receiving-first-academic-year-id>2025/2026</receiving-first-academic-year-id>
            <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id>
            <mobilities-per-year>2</mobilities-per-year>
            <recommended-language-skill><language>en</language></recommended-language-skill>
            <total-days-per-year>10</total-days-per-year>
          </staff-teacher-mobility-spec>
          <staff-teacher-mobility-spec>
            <sending-hei-id>uw.edu.pl</sending-hei-id>
            <sending-contact><c:contact-name>Piotr Zieliński</c:contact-name></sending-contact>
            <receiving-hei-id>ruhr-uni-bochum.de</receiving-hei-id>
            <receiving-first-academic-year-id>2025/2026</receiving-first-academic-year-id>
            <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id>
            <mobilities-per-year>2</mobilities-per-year>
            <recommended-language-skill><language>de</language><cefr-level>B1</cefr-level></recommended-language-skill>
            <subject-area><isced-f-code>0533</isced-f-code></subject-area>
            <other-info-terms>Teaching of at least 8 hours a week.</other-info-terms>
          </staff-teacher-mobility-spec>
          <staff-training-mobility-spec>
            <sending-hei-id>ruhr-uni-bochum.de</sending-hei-id>
            <receiving-hei-id>uw.edu.pl</receiving-hei-id>
            <receiving-first-academic-year-id>2026/2027</receiving-first-academic-year-id>
            <receiving-last-academic-year-id>2028/2029</receiving-last-academic-year-id>
            <mobilities-per-year>1</mobilities-per-year>
          </staff-training-mobility-spec>
        </cooperation-conditions>
        <iia-hash>HASH</iia-hash>
      </iia>
      <iia>
        <partner>
          <hei-id>hibo.no</hei-id>
          <iia-id>HIBO-7</iia-id>
        </partner>
        <partner>
          <hei-id>ruhr-uni-bochum.de</hei-id>
          <iia-id>RUB-0043</iia-id>
        </partner>
        <in-effect>false</in-effect>
        <cooperation-conditions terminated-as-a-whole="false">
          <student-studies-mobility-spec>
            <sending-hei-id>hibo.no</sending-hei-id>
            <receiving-hei-id>ruhr-uni-bochum.de</receiving-hei-id>
            <receiving-first-academic-year-id>2026/2027</receiving-first-academic-year-id>
            <receiving-last-academic-year-id>2029/2030</receiving-last-academic-year-id>
            <mobilities-per-year>2</mobilities-per-year>
            <recommended-language-skill><language>de</language><cefr-level>B2</cefr-level></recommended-language-skill>
            <subject-area><isced-f-code>0714</isced-f-code></subject-area>
            <blended>false</blended>
          </student-studies-mobility-spec>
        </cooperation-conditions>
        <iia-hash>HASH</iia-hash>
      </iia>
    </iias-get-response>

    """)

    static let institutionsResponse = """
    <?xml version="1.0" encoding="UTF-8"?>
    <institutions-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-api-institutions/tree/stable-v2"
        xmlns:a="https://github.com/erasmus-without-paper/ewp-specs-types-address/tree/stable-v1"
        xmlns:c="https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1">
      <hei>
        <hei-id>uw.edu.pl</hei-id>
        <other-id type="erasmus">PL WARSZAW01</other-id>
        <other-id type="pic">999572580</other-id>
        <name xml:lang="pl">Uniwersytet Warszawski</name>
        <name xml:lang="en">University of Warsaw</name>
        <abbreviation>UW</abbreviation>
        <a:street-address>
          <a:addressLine>Krakowskie Przedmieście 26/28</a:addressLine>
          <a:postalCode>00-927</a:postalCode>
          <a:locality>Warszawa</a:locality>
          <a:country>PL</a:country>
        </a:street-address>
        <website-url xml:lang="pl">https://www.uw.edu.pl/</website-url>
        <website-url xml:lang="en">https://en.uw.edu.pl/</website-url>
        <c:contact><c:contact-name>Erasmus Office</c:contact-name></c:contact>
      </hei>
    </institutions-response>

    """

    /// The document with each `HASH` replaced by its IIA's hash as the kit computes it.
    static func withHashes(_ document: String) -> String {
        guard let root = try? EWPXMLElement.parseDocument(Data(document.utf8), source: "test"), case let hashes = IIAHash.all(in: root) else { return document }
        var parts = document.components(separatedBy: "<iia-hash>HASH</iia-hash>")
        for index in parts.indices.dropLast() where index < hashes.count {
            parts[index] += "<iia-hash>\(hashes[index].hash)</iia-hash>"
        }
        return parts.joined()
    }

    /// The 1-based line of the first line containing the text, for the lines messages name.
    static func line(of text: String, in document: String) -> Int? {
        document.components(separatedBy: "\n").firstIndex { $0.contains(text) }.map { $0 + 1 }
    }
}
