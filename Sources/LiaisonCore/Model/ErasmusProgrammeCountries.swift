extension Country {
    /// The countries whose higher education institutions take part in Erasmus+ as programme
    /// countries: the 27 EU member states and the third countries associated to the programme
    /// (Iceland, Liechtenstein, Norway, North Macedonia, Serbia, Türkiye), as the European
    /// Commission's Erasmus+ Programme Guide 2025 ("Eligible countries", Part A) lists them.
    /// Institutions there hold an ECHE with an Erasmus code and a PIC; institutions elsewhere
    /// (Japan, the United States, Australia) have neither, so `CodeCheck` does not miss them there.
    public static let erasmusProgrammeCodes: Set<String> = [
        // EU member states
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        // third countries associated to the programme
        "IS", "LI", "NO", "MK", "RS", "TR",
    ]

    /// Whether an ISO 3166-1 alpha-2 code ("PL", any case) is an Erasmus+ programme country.
    public static func isErasmusProgrammeCountry(_ code: String) -> Bool {
        erasmusProgrammeCodes.contains(code.trimmingSpaces.uppercased())
    }
}
