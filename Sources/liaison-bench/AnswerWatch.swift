// When a program's answer on its terminal is complete, decided from the bytes it sends and when
// they came, as a user's terminal (or an SSH client) receives them.

/// Watches the bytes a program writes to its terminal after a start (its launch, or a key sent)
/// and says when the answer is complete: the marker has come (for a screen, a text that only its
/// last line has, such as the key hints' "quit"), and then nothing for `quiet` seconds. The
/// answer's end is its last byte, not the end of the quiet wait.
///
/// A program redraws with ncurses' diff, so a frame may come in several writes; the quiet wait
/// takes them all. It must be shorter than any pause after which the program draws more on its
/// own (the dashboard's detail follows the selection after 120 ms), or that would count too.
struct AnswerWatch: Sendable {
    /// Empty: any byte will do.
    let marker: [UInt8]
    let quiet: Double
    private(set) var bytes = 0
    private(set) var lastByte: Double?
    private(set) var markerSeen: Bool
    /// The end of what came before, so that a marker split over two writes is found.
    private var tail: [UInt8] = []

    init(marker: String = "", quiet: Double) {
        self.marker = Array(marker.utf8)
        self.quiet = quiet
        self.markerSeen = marker.isEmpty
    }

    mutating func receive(_ chunk: [UInt8], at time: Double) {
        guard !chunk.isEmpty else { return }
        bytes += chunk.count
        lastByte = time
        guard !markerSeen else { return }
        let window = tail + chunk
        markerSeen = Self.contains(window, marker)
        tail = Array(window.suffix(marker.count - 1))
    }

    /// Complete at `now`: the marker came and the quiet has lasted since the last byte.
    func isComplete(at now: Double) -> Bool {
        guard markerSeen, let lastByte else { return false }
        return now - lastByte >= quiet
    }

    /// How long to wait for more bytes before the answer can be complete: the rest of the quiet
    /// once the marker came, else nil (until bytes come).
    func wait(at now: Double) -> Double? {
        guard markerSeen, let lastByte else { return nil }
        return Swift.max(0, lastByte + quiet - now)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
