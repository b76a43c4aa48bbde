/// An institution as an EWP Institutions response (v2) describes it: what an `ewp import` takes
/// a new partner's names and codes from.
public struct EWPInstitution: Equatable, Sendable {
    /// A text in a language (`xml:lang`), or in none said.
    public struct Text: Equatable, Sendable {
        public var text: String
        public var language: String?

        public init(_ text: String, language: String? = nil) {
            self.text = text
            self.language = language
        }
    }

    /// An `other-id`: its type (`erasmus`, `pic`, `erasmus-charter`, ...) and value.
    public struct OtherID: Equatable, Sendable {
        public var type: String
        public var value: String

        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }

    public var heiID: String
    public var otherIDs: [OtherID] = []
    public var names: [Text] = []
    public var abbreviation: String?
    public var websites: [Text] = []
    /// The street address's locality and country code (else the mailing address's).
    public var city: String?
    public var country: String?
    /// Where it stands: "FILE:LINE".
    public var location: String

    public init(heiID: String, location: String) {
        self.heiID = heiID
        self.location = location
    }

    public var erasmusCode: String? { otherID("erasmus") }
    public var pic: String? { otherID("pic") }

    private func otherID(_ type: String) -> String? { otherIDs.first { $0.type == type }?.value }

    /// The name in English, else the first: the partner's name.
    public var name: String? { english(names)?.text }

    /// The first name in another language than `name`'s, where it differs: the partner's local name.
    public var localName: String? {
        guard let shown = english(names) else { return nil }
        return names.first { $0.language != shown.language && $0.text != shown.text }?.text
    }

    /// The English website, else the first.
    public var website: String? { english(websites)?.text }

    private func english(_ texts: [Text]) -> Text? {
        texts.first { $0.language?.lowercased().hasPrefix("en") == true } ?? texts.first
    }
}
