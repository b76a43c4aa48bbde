import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

/// The places text is typed: a form's field, the search line, the jump prompt.
enum TypingPlace: String, CaseIterable, CustomTestStringConvertible {
    case form, filter, jump

    var testDescription: String { rawValue }

    /// The key that opens it from a list.
    var openKey: Key {
        switch self {
        case .form: AppFixtures.key(for: .edit)
        case .filter: AppFixtures.key(for: .search)
        case .jump: AppFixtures.key(for: .jump, in: .global)
        }
    }

    /// The field typed in, while the place is open.
    func field(_ state: AppState) -> TextField? {
        switch state.modal {
        case .form(let form) where self == .form: form.fields[form.focus].field
        case .search(let field) where self == .filter: field
        case .jump(let field, _, _) where self == .jump: field
        default: nil
        }
    }

    /// Where the field is on the screen.
    func box(_ state: AppState) -> Rect? {
        let layout = Layout(state.size)
        switch state.modal {
        case .form(let form) where self == .form: return FormView.focusedBox(form, layout: layout)
        case .search where self == .filter, .jump where self == .jump: return StatusBarView.promptBox(layout)
        default: return nil
        }
    }
}

/// Keys as a terminal delivers them, one Unicode scalar each, typed into each place: the field
/// joins the scalars into characters and the screen's cursor follows by display width. A key
/// storm of every kind of scalar, edit key and resize finds no crash and no cursor outside its field.
@Suite("Typing scalar by scalar, and a key storm")
struct TypingTests {
    typealias F = AppFixtures

    private static func partners(width: Int, height: Int) throws -> AppState {
        var state = try F.sampleState(width: width, height: height)
        _ = Reducer.apply(.showPane(.partners), &state)
        return state
    }

    /// Each scalar of a text as the key the terminal reads for it.
    private static func keys(typing text: String) -> [Key] {
        text.unicodeScalars.compactMap { scalar in
            guard case .key(let key)? = InputEvent.typed(scalar.value) else { return nil }
            return key
        }
    }

    /// Texts in several scripts and the columns each takes.
    static let samples: [(text: String, columns: Int)] = [
        ("Universite\u{301}", 10), ("👍🏽", 4), ("🇯🇵", 2), ("👩\u{200D}💻", 4), ("東京大学", 8), ("جامعة", 5), ("e\u{301}", 1),
    ]

    @Test("each scalar is one key; the field holds the text, the cursor stands after it, Backspace takes one character",
          arguments: TypingPlace.allCases)
    func typingScalars(place: TypingPlace) throws {
        let state = try Self.partners(width: 100, height: 30)
        for (text, columns) in Self.samples {
            var keys = [place.openKey]
            if place == .form { keys.append(F.key(for: .killToStart, in: .form)) }
            let (typed, terminal) = F.session(state, keys: keys + Self.keys(typing: text))
            let field = try #require(place.field(typed), "\(place) is open")
            #expect(field.text.unicodeScalars.elementsEqual(text.unicodeScalars), "\(text)")
            #expect(field.cursor == text.count)
            let box = try #require(place.box(typed))
            let cursor = try #require(terminal.lastFrame?.cursor)
            #expect(cursor.x == box.x + columns && cursor.y == box.y, "\(text)")
            #expect(terminal.screen[box.y].contains(text))

            let (erased, _) = F.session(typed, keys: [F.key(for: .deleteBackward, in: place == .form ? .form : place == .filter ? .search : .jump)])
            let after = try #require(place.field(erased))
            #expect(after.text == String(text.dropLast()), "Backspace after \(text)")
        }
    }

    @Test("a key storm: thousands of scalars, edits, controls and resizes; no crash, the cursor always inside its field",
          arguments: TypingPlace.allCases, [Size(width: 80, height: 24), Size(width: 160, height: 50)])
    func keyStorm(place: TypingPlace, size: Size) throws {
        var state = try Self.partners(width: size.width, height: size.height)
        let terminal = MemoryTerminal(width: size.width, height: size.height)
        var storm = KeyStorm(seed: UInt64(size.width * 10 + TypingPlace.allCases.firstIndex(of: place)!))
        var problems: [String] = []
        var checked = 0
        for step in 0..<2000 {
            // As the dashboard's loop: the terminal gives the next event, the reducer takes it,
            // the screen is drawn.
            if !terminal.hasPendingEvents {
                if Layout(state.size).isTooSmall {
                    terminal.resize(width: size.width, height: size.height)
                } else if place.field(state) == nil {
                    terminal.send(keys: [place.openKey])
                } else {
                    storm.next(into: terminal)
                }
            }
            let event = try #require(terminal.nextEvent(timeout: 0))
            if event == .resize { state.size = terminal.size }
            let wasOpen = place.field(state) != nil
            _ = Reducer.handle(event, &state)
            let frame = Screen.render(state)
            terminal.present(frame)
            if !wasOpen, event == .key(place.openKey), place.field(state) == nil {
                Issue.record("step \(step): \(place) did not open; modal \(String(describing: state.modal))")
                return
            }
            guard !Layout(state.size).isTooSmall, let field = place.field(state), let box = place.box(state) else { continue }
            checked += 1
            if let problem = Self.cursorProblem(frame, field: field, box: box) {
                problems.append("step \(step) after \(event) at \(state.size.width)x\(state.size.height): \(problem)")
            }
        }
        for problem in problems.prefix(5) { Issue.record(Comment(rawValue: problem)) }
        #expect(problems.isEmpty)
        #expect(checked > 1000, "most steps had the field open")
    }

    /// What is wrong with the cursor of a frame, if anything: it must be in the field's box, on
    /// a cell of its own, after exactly the end of the text before the cursor.
    static func cursorProblem(_ frame: Buffer, field: TextField, box: Rect) -> String? {
        guard box.width > 0, box.x >= 0, box.maxX <= frame.width, box.y >= 0, box.y < frame.height else { return "the box \(box) is off the screen" }
        guard field.cursor >= 0, field.cursor <= field.text.count else { return "cursor \(field.cursor) in a text of \(field.text.count) characters" }
        guard let cursor = frame.cursor else { return "no cursor" }
        guard cursor.y == box.y, cursor.x >= box.x, cursor.x < box.maxX else { return "cursor \(cursor) outside \(box)" }
        guard !frame[cursor.x, cursor.y].isContinuation else { return "cursor \(cursor) on the second half of a wide character" }
        // Zero-width scalars are left out of the comparison: the sanitiser joins them to the cell
        // before them, which may belong to the previous character.
        func spacing(_ text: String) -> [UInt32] { text.unicodeScalars.filter { TextWidth.of($0) > 0 }.map(\.value) }
        let drawn = spacing((box.x..<cursor.x).map { frame[$0, box.y] }.filter { !$0.isContinuation }.map(\.text).joined())
        let before = spacing(Sanitizer.pieces(of: String(field.text.prefix(field.cursor))).map(\.text).joined())
        guard before.count >= drawn.count, Array(before.suffix(drawn.count)) == drawn else {
            return "the screen shows \(drawn) before the cursor, the text has \(before)"
        }
        return nil
    }
}

/// Random keys, deterministic for a seed: text of every kind one scalar at a time, pastes,
/// moves, deletions, controls, the keys that leave a field, and resizes.
struct KeyStorm {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// Letters, digits, punctuation, Latin-1, combining marks, ZWJ, variation selectors, skin
    /// tones, regional indicators, emoji, CJK, kana and their voicing marks, Arabic and its
    /// vowel marks, conjoining Hangul jamo. Marks and indicators are listed twice, to come often.
    static let scalarRanges: [ClosedRange<UInt32>] = [
        0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x20...0x2F, 0xC0...0xFF, 0x300...0x36F, 0x300...0x36F, 0x200D...0x200D,
        0xFE0E...0xFE0F, 0x1F3FB...0x1F3FF, 0x1F1E6...0x1F1FF, 0x1F1E6...0x1F1FF, 0x1F600...0x1F64F, 0x1F466...0x1F469,
        0x1F4BB...0x1F4BB, 0x4E00...0x9FFF, 0x3041...0x3096, 0x3099...0x309A, 0x621...0x64A, 0x64B...0x652,
        0x1100...0x1112, 0x1161...0x1175, 0x11A8...0x11C2,
    ]

    static let pastes = ["Universite\u{301} de Lille", "👍🏽", "🇯🇵🇩🇪", "👩\u{200D}💻", "東京大学", "جامعة القاهرة", "한국", "e\u{301}\u{302}\u{303}"]

    static let moves: [Key] = [.left, .right, .home, .end, .up, .down, .pageUp, .pageDown]

    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 50), Size(width: 121, height: 33), Size(width: 60, height: 20)]

    private mutating func scalar() -> UInt32 {
        let range = Self.scalarRanges[random.next(below: Self.scalarRanges.count)]
        return range.lowerBound + UInt32(random.next(below: Int(range.upperBound - range.lowerBound) + 1))
    }

    /// Keys as the terminal reads them, one scalar each.
    private func type(_ values: [UInt32], into terminal: MemoryTerminal) { terminal.send(values.compactMap(InputEvent.typed)) }

    /// Sends the terminal the next key, paste or resize.
    mutating func next(into terminal: MemoryTerminal) {
        switch random.next(below: 100) {
        case 0..<50: type([scalar()], into: terminal)
        case 50..<53:
            // A paste: a sample text, or a run of random scalars long enough to scroll the field.
            if random.next(below: 2) == 0 {
                type(Self.pastes[random.next(below: Self.pastes.count)].unicodeScalars.map(\.value), into: terminal)
            } else {
                type((0..<(5 + random.next(below: 120))).map { _ in scalar() }, into: terminal)
            }
        case 53..<65: terminal.send(keys: [Self.moves[random.next(below: Self.moves.count)]])
        case 65..<73: terminal.send(keys: [random.next(below: 2) == 0 ? .backspace : .delete])
        // Ctrl-A to Ctrl-Z (Ctrl-W, Ctrl-U, Ctrl-K, Ctrl-S, Ctrl-N, Ctrl-D, Ctrl-O among them), and DEL.
        case 73..<83: type([random.next(below: 10) == 0 ? 127 : UInt32(1 + random.next(below: 26))], into: terminal)
        case 83..<85: terminal.send(keys: [.enter])
        case 85..<87: terminal.send(keys: [.escape])
        case 87..<90: terminal.send(keys: [random.next(below: 2) == 0 ? .tab : .backTab])
        case 90..<93:
            let size = Self.sizes[random.next(below: Self.sizes.count)]
            terminal.resize(width: size.width, height: size.height)
        default: terminal.send(keys: [.function(1 + random.next(below: 2))])
        }
    }
}
