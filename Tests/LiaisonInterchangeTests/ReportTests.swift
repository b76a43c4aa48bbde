import Foundation
import LiaisonCore
import Testing
@testable import LiaisonInterchange

/// Data in a report is text, never markup: hostile names print as themselves in HTML and in
/// Markdown, and the characters a terminal or a viewer acts on show as placeholders.
@Suite struct ReportTests {
    static let today = Day(year: 2026, month: 11, day: 24)!

    /// A network whose every shown text tries something: tags, entities, quotes that would end
    /// an attribute, an escape sequence, a bidirectional override, Markdown table and heading
    /// markers, a comment's end, and a CJK name.
    static var hostile: Network {
        var network = Network()
        network.institution.name = "Uni <b>Bold</b> & Co"
        network.institution.country = "DE"
        var partner = Partner()
        partner.id = "evil"
        partner.name = "<script>alert(\"x\")</script>"
        partner.country = "JP"
        partner.partnershipType = "\" onmouseover=\"alert(1)"
        partner.status = "active"
        var agreement = Agreement()
        agreement.id = "evil-exchange"
        agreement.kind = "x --> <!-- | # *bold*"
        agreement.end = Day(year: 2027, month: 3, day: 1)
        partner.agreements = [agreement]
        partner.contactIds = ["evil-contact"]
        partner.objectiveIds = ["goal"]
        var tokyo = Partner()
        tokyo.id = "tokyo"
        tokyo.name = "東京大学"
        tokyo.country = "JP"
        tokyo.partnershipType = "research-led"
        tokyo.status = "active"
        var contact = Contact()
        contact.id = "evil-contact"
        contact.name = "Mallory \u{1B}[31mRED\u{1B}[0m \u{202E}gnp.exe"
        contact.email = "m@example.org</td><td>"
        var objective = Objective()
        objective.id = "goal"
        objective.title = "# Heading | with pipes & <i>tags</i>"
        var event = Event()
        event.id = "event"
        event.title = "[link](javascript:alert(1)) ![img](x.png)"
        event.start = Day(year: 2026, month: 5, day: 1)
        event.location = "'single' & \"double\""
        event.partnerIds = ["evil", "tokyo"]
        event.objectiveIds = ["goal"]
        network.partners = [partner, tokyo]
        network.contacts = [contact]
        network.objectives = [objective]
        network.events = [event]
        return network
    }

    static var document: ReportDocument {
        RectorateReport(network: hostile, today: today, year: 2026, source: "/data/<office>.json").document
    }

    /// Every tag the HTML report writes; any other would have come from the data.
    static let reportTags: Set<String> = ["html", "head", "meta", "title", "style", "body", "header", "p", "h1", "h2", "h3", "h4", "nav", "ol",
                                          "li", "a", "section", "div", "span", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd",
                                          "br", "svg", "rect", "text", "line"]

    @Test func htmlShowsHostileDataAsText() throws {
        let html = ReportHTML.render(Self.document)
        let tags = Set(html.matches(of: /<\/?([a-zA-Z0-9]+)/).map { String($0.output.1).lowercased() })
        #expect(tags.isSubset(of: Self.reportTags), "\(tags.subtracting(Self.reportTags))")
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("Uni &lt;b&gt;Bold&lt;/b&gt; &amp; Co"))
        #expect(html.contains("m@example.org&lt;/td&gt;&lt;td&gt;"))
        #expect(html.contains("&#39;single&#39; &amp; &quot;double&quot;"))
        #expect(html.contains("/data/&lt;office&gt;.json"))
        // An attribute cannot be ended by the data: every quote in it is an entity.
        #expect(html.contains("data-key=\"&quot; onmouseover=&quot;alert(1)\""))
        #expect(!html.contains("\" onmouseover"))
        // The escape sequence and the override show as placeholders; CJK as itself.
        #expect(html.contains("Mallory ␛[31mRED␛[0m �gnp.exe"))
        #expect(!html.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}") })
        #expect(html.contains("東京大学"))
    }

    @Test func htmlFontStackHasCJKFacesBeforeTheGenericFamily() throws {
        let stack = try #require(ReportHTML.stylesheet.firstMatch(of: /font-family: ([^;]+);/)).output.1
        #expect(stack.contains("Noto Sans CJK JP") && stack.hasSuffix("sans-serif"))
    }

    @Test func markdownShowsHostileDataAsText() throws {
        let markdown = ReportMarkdown.render(Self.document)
        #expect(markdown.contains("\\<script\\>alert(\"x\")\\</script\\>"))
        #expect(markdown.contains("### \\# Heading \\| with pipes \\& \\<i\\>tags\\</i\\>"))
        #expect(markdown.contains("\\[link\\](javascript:alert(1)) \\!\\[img\\](x.png)"))
        #expect(markdown.contains("Mallory ␛\\[31mRED␛\\[0m �gnp.exe"))
        // Every row of a table has as many cells as its header: no pipe from the data splits one.
        let lines = markdown.split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() where line.hasPrefix("| ") && !(lines[index - 1].hasPrefix("|")) {
            let width = Self.unescapedPipes(line)
            for row in lines[index...].prefix(while: { $0.hasPrefix("|") }) {
                #expect(Self.unescapedPipes(row) == width, "\(row)")
            }
        }
        // The comments naming the numbers end where they should: once per line, at its end.
        for line in lines where line.hasPrefix("<!--") {
            #expect(line.components(separatedBy: "-->").count == 2 && line.hasSuffix(" -->"), "\(line)")
            let json = String(line.dropFirst("<!-- liaison ".count).dropLast(" -->".count))
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(json)")
        }
        #expect(markdown.contains("x --\\u003e <!-- | # *bold*"))
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count
    }

    @Test func eventsOfTheYearAndObjectivesComeFromTheLinks() throws {
        let report = RectorateReport(network: Self.hostile, today: Self.today, year: 2026, source: "n.json")
        #expect(report.eventsOfYear.map(\.id) == ["event"])
        #expect(RectorateReport(network: Self.hostile, today: Self.today, year: 2025, source: "n.json").eventsOfYear.isEmpty)
        let markdown = ReportMarkdown.render(report.document)
        #expect(markdown.contains("- **Partners (1):** \\<script\\>"))
        #expect(markdown.contains("| Mallory"), "the expiring agreement lists its partner's contact")
    }
}
