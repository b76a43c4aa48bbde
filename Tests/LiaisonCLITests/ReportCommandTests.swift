import Foundation
import LiaisonCore
import LiaisonGenerator
import Testing

/// The numbers a report shows, read back from its HTML (`data-stat`, `data-key`, numbers in
/// `class="n"`, `data-rows`) or its Markdown (the `<!-- liaison {…} -->` comment before each
/// table, then the table's rows): per stat, each key's numbers, or a table's row count.
struct ReportNumbers {
    var counts: [String: [String: [Int]]] = [:]
    var rows: [String: Int] = [:]

    init(html: String) throws {
        // Each part starts where an element names its stat and runs to the next one.
        for part in html.components(separatedBy: "data-stat=\"").dropFirst() {
            let stat = try #require(part.split(separator: "\"", maxSplits: 1).first.map(String.init))
            if let rowCount = Self.firstMatch(#"^[^>]*data-rows="(\d+)""#, in: part) {
                rows[stat] = Int(rowCount)
                // The table has as many rows in its body as it says.
                #expect(rowCount == "0" || part.components(separatedBy: "<tr>").count - 2 == Int(rowCount), "\(stat)")
                continue
            }
            var values: [String: [Int]] = [:]
            for row in part.components(separatedBy: "data-key=\"").dropFirst() {
                let key = try #require(row.split(separator: "\"", maxSplits: 1).first.map(String.init))
                values[Self.unescapeHTML(key)] = Self.allMatches(#"class="n">(\d+)<"#, in: row).compactMap { Int($0) }
            }
            counts[stat] = values
        }
    }

    init(markdown: String) throws {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() where line.hasPrefix("<!-- liaison ") {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(line.dropFirst(13).dropLast(4).utf8)) as? [String: Any])
            let stat = try #require(json["stat"] as? String)
            // The table's rows: after its header and rule, up to the first line that is not a row.
            let tableRows = lines[(index + 1)...].prefix { $0.hasPrefix("|") }.dropFirst(2).map(Self.cells)
            if let rowCount = json["rows"] as? Int {
                rows[stat] = rowCount
                #expect(tableRows.count == rowCount, "\(stat)")
                continue
            }
            let keys = try #require(json["keys"] as? [String])
            try #require(keys.count == tableRows.count, "\(stat): \(keys.count) keys, \(tableRows.count) rows")
            var values: [String: [Int]] = [:]
            for (key, cells) in zip(keys, tableRows) {
                // The first cell names the row; the numbers follow it.
                values[key] = cells.dropFirst().compactMap { Int($0) }
            }
            counts[stat] = values
        }
    }

    /// A Markdown table row's cells, split at the pipes that are not escaped.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "|" { cells.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(character)
        }
        return Array(cells.dropFirst())
    }

    static func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func allMatches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? { allMatches(pattern, in: text).first }
}

@Suite("liaison report")
struct ReportCommandTests {
    /// A generated network of a size whose report is still quick to make, in a file of its own.
    static func generatedNetwork() throws -> (directory: String, path: String) {
        let directory = NSTemporaryDirectory() + "liaison-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/network.json"
        try Data(NetworkCoding.encode(NetworkGenerator.network(partners: 400, seed: 9))).write(to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    enum Network: String, CaseIterable { case sample, generated }

    @Test("the report's numbers, read back from the HTML and the Markdown, are those of stats --json",
          arguments: Network.allCases, ["html", "md"])
    func numbersMatchStats(network: Network, format: String) throws {
        let generated = network == .generated ? try Self.generatedNetwork() : nil
        defer { if let generated { try? FileManager.default.removeItem(atPath: generated.directory) } }
        let data = generated?.path ?? CLI.sample

        let statsRun = try CLI.run(["stats", "--json", "--within", "12m"], data: data)
        #expect(statsRun.status == 0, "\(statsRun.stderr)")
        let stats = try #require(try CLI.json(statsRun.stdout) as? [String: Any])

        for year in ["2026", "2027"] {
            let run = try CLI.run(["report", "--format", format, "--year", year], data: data)
            #expect(run.status == 0, "\(run.stderr)")
            let numbers = try format == "html" ? ReportNumbers(html: run.stdout) : ReportNumbers(markdown: run.stdout)

            let totals = try #require(numbers.counts["totals"])
            for key in ["partners", "agreements", "objectives", "events", "contacts", "expiring"] {
                #expect(totals[key] == [try #require(stats[key] as? Int)], "\(key)")
            }
            #expect(totals.count == 6)
            for stat in ["byRegion", "byCountry", "byType", "byStatus", "byAgreementKind", "byEndYear"] {
                let expected = try #require(stats[stat] as? [String: Int], "\(stat)")
                #expect(numbers.counts[stat] == expected.mapValues { [$0] }, "\(stat)")
                #expect(!expected.isEmpty)
            }
            let quotas = try #require(stats["quotasByRegion"] as? [String: [String: Int]])
            #expect(numbers.counts["quotasByRegion"] == quotas.mapValues { [$0["incoming"] ?? -1, $0["outgoing"] ?? -1] })
            #expect(numbers.rows["expiring"] == stats["expiring"] as? Int)
            let eventYears = try #require(stats["byEventYear"] as? [String: Int])
            #expect(numbers.rows["eventsOfYear"] == eventYears[year] ?? 0, "\(year)")
        }
    }

    @Test("the HTML is one file: no script, nothing fetched, CSS inline, every tag one the report writes")
    func selfContained() throws {
        let run = try CLI.run(["report"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = run.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "@font-face", "http://", "https://"] {
            // The SVG namespace is a name, not something fetched.
            let found = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").lowercased().contains(forbidden)
            #expect(!found, "\(forbidden)")
        }
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("<svg"))
        #expect(html.contains("Ruhr-Universität Bochum"))
        // 東京大学 is the University of Tokyo's local name, which the report does not list; the
        // objectives list the partners by name.
        #expect(html.contains("The University of Tokyo"))
    }

    @Test("-o writes the file atomically, replaces it without a .bak, and names it")
    func outputFile() throws {
        let directory = NSTemporaryDirectory() + "liaison-report-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/report.md"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let run = try CLI.run(["report", "--format", "md", "-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote the report to \(path)\n")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == (try CLI.run(["report", "--format", "md"]).stdout))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.md"])
    }

    @Test("a file that cannot be written: exit 2, the file and the reason named", arguments: ["/nonexistent-folder/report.html", "/dev/full"])
    func unwritable(path: String) throws {
        let run = try CLI.run(["report", "-o", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(path), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("a year that is not four digits is refused", arguments: ["99", "20266", "x"])
    func badYear(year: String) throws {
        let run = try CLI.run(["report", "--year", year])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--year"), "\(run.stderr)")
    }

    @Test("HTML to a terminal is refused with what to do instead; Markdown is printed",
          .enabled(if: Tools.tmux, "tmux is not installed (.ci/run installs it)"))
    func terminal() throws {
        let html = try TmuxSession(width: 200, height: 20, arguments: "report")
        let screen = html.wait(for: "EXITED")
        #expect(screen.contains("not for the terminal"), "\(screen)")
        #expect(screen.contains("-o report.html") && screen.contains("--format md"), "\(screen)")
        #expect(try String(contentsOfFile: html.statusFile, encoding: .utf8) == "2\n")

        let markdown = try TmuxSession(width: 200, height: 20, arguments: "report --format md")
        let shown = markdown.wait(for: "EXITED")
        #expect(shown.contains("- **Events ("), "\(shown)")
        #expect(try String(contentsOfFile: markdown.statusFile, encoding: .utf8) == "0\n")
    }
}

/// Headless Chromium prints the report as the rectorate would: A4 pages, the text there.
@Suite("The report printed by headless Chromium", .serialized,
       .enabled(if: Tools.chromium, "needs chromium and poppler-utils (pdfinfo, pdftotext); .ci/run installs them"))
struct ReportPrintTests {
    /// Runs a program with a deadline (a hung browser fails the test instead of stalling it).
    static func run(_ program: String, _ arguments: [String], home: String) throws -> CLI.Result {
        let path = ["/usr/bin", "/bin", "/usr/local/bin"].map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        let result = try CLI.run(arguments, environment: ["HOME": home], data: nil, program: try #require(path, "\(program) not found"), timeout: 120)
        #expect(!result.hung, "\(program) did not finish in 120 s")
        return result
    }

    @Test("the sample's report: a PDF of A4 pages with the text, and a PNG")
    func printsToPDF() throws {
        let directory = NSTemporaryDirectory() + "liaison-report-print-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let html = directory + "/report.html", pdf = directory + "/report.pdf", png = directory + "/report.png"
        #expect(try CLI.run(["report", "-o", html]).status == 0)

        // A profile of its own in the temporary folder: nothing of the account's is read or left.
        let browser = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory)/profile", "--no-first-run"]
        let printed = try Self.run("chromium", browser + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", html], home: directory)
        #expect(printed.status == 0, "\(printed.stderr)")
        let shot = try Self.run("chromium", browser + ["--window-size=1000,1400", "--screenshot=\(png)", html], home: directory)
        #expect(shot.status == 0, "\(shot.stderr)")
        let image = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(image.count > 10_000, "the screenshot shows something: \(image.count) bytes")

        let info = try Self.run("pdfinfo", [pdf], home: directory).stdout
        let pages = try #require(ReportNumbers.firstMatch(#"^Pages:\s+(\d+)"#, in: info).flatMap { Int($0) }, "\(info)")
        #expect((3...8).contains(pages), "the sample's report takes a few pages: \(pages)")
        #expect(info.contains("(A4)"), "\(info)")

        let text = try Self.run("pdftotext", ["-layout", pdf, "-"], home: directory).stdout
        for expected in ["International partnerships", "Ruhr-Universität Bochum", "Agreements ending in the next 12 months",
                         "Jagiellonian University", "Strategy objectives", "Events of 2026", "Partners by world region"] {
            #expect(text.contains(expected), "\(expected)")
        }
        // Each page starts on a new sheet: pdftotext parts pages with a form feed.
        #expect(text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count == pages)
    }
}
