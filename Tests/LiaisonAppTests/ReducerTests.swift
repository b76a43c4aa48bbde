import Testing
@testable import LiaisonApp
import LiaisonCore
import TerminalUI

@Suite("Reducer and sessions on the memory terminal")
struct ReducerTests {
    typealias F = AppFixtures

    @Test("pane keys, Tab and Shift-Tab switch panes")
    func panes() throws {
        let state = try F.sampleState()
        let (after, terminal) = F.session(state, keys: [F.key(for: .showPane(.events), in: .global), F.key(for: .nextPane, in: .global)])
        #expect(after.pane == .contacts)
        #expect(terminal.screen[1].contains("NAME"))
        let (back, _) = F.session(after, keys: [F.key(for: .previousPane, in: .global), F.key(for: .previousPane, in: .global)])
        #expect(back.pane == .objectives)
    }

    @Test("moving, paging, top and bottom stay within the list")
    func navigation() throws {
        var state = try F.sampleState()
        _ = Reducer.apply(.showPane(.partners), &state)
        let (moved, _) = F.session(state, keys: [F.key(for: .moveDown), F.key(for: .moveDown), F.key(for: .moveUp)])
        #expect(moved.current.selected == 1)
        let (bottom, _) = F.session(moved, keys: [F.key(for: .bottom), F.key(for: .moveDown)])
        #expect(bottom.current.selected == 31)
        #expect(bottom.current.scroll + Layout(bottom.size).listRows > 31, "the selection is scrolled into view")
        let (top, _) = F.session(bottom, keys: [F.key(for: .top), F.key(for: .moveUp)])
        #expect(top.current.selected == 0)
        #expect(top.current.scroll == 0)
        let (paged, _) = F.session(top, keys: [F.key(for: .pageDown)])
        #expect(paged.current.selected == Layout(paged.size).listRows)
    }

    @Test("follow a link from an event to a partner, then go back and forward")
    func followLinksAndHistory() throws {
        var state = try F.sampleState()
        Reducer.go(to: Location(pane: .events, recordId: "japan-science-days-2018"), &state)
        #expect(state.selectedRecord(in: .events)?.id == "japan-science-days-2018")
        // Into the links; the first link is its first partner, The University of Tokyo.
        let (onPartner, terminal) = F.session(state, keys: [F.key(for: .focusLinks), F.key(for: .open, in: .links)])
        #expect(onPartner.pane == .partners)
        #expect(onPartner.selectedRecord(in: .partners)?.id == "utokyo")
        #expect(terminal.screen.contains { $0.contains("東京大学") })
        let (back, _) = F.session(onPartner, keys: [F.key(for: .back, in: .global)])
        #expect(back.pane == .events)
        #expect(back.selectedRecord(in: .events)?.id == "japan-science-days-2018")
        let (forward, _) = F.session(back, keys: [F.key(for: .forward, in: .global)])
        #expect(forward.selectedRecord(in: .partners)?.id == "utokyo")
    }

    @Test("back returns to the link that was followed, not just to the record")
    func backToTheLinkFollowed() throws {
        var state = try F.sampleState()
        Reducer.go(to: Location(pane: .events, recordId: "japan-science-days-2018"), &state)
        let links = state.selectedLinks
        #expect(links.count >= 3)
        let (followed, _) = F.session(state, keys: [F.key(for: .focusLinks), F.key(for: .moveDown, in: .links),
                                                    F.key(for: .moveDown, in: .links), F.key(for: .open, in: .links)])
        #expect(followed.selectedRecord(in: followed.pane)?.id == links[2].id)
        let (back, terminal) = F.session(followed, keys: [F.key(for: .back, in: .global)])
        #expect(back.pane == .events && back.current.focusOnLinks)
        #expect(back.current.selectedLink == 2, "on the third link, the one followed")
        #expect(terminal.screen.contains { $0.contains("→ \(links[2].name)") })
        let (again, _) = F.session(back, keys: [F.key(for: .open, in: .links)])
        #expect(again.selectedRecord(in: again.pane)?.id == links[2].id, "Enter follows the same link again")
    }

    @Test("Enter on an agreement ending soon in the overview opens its partner")
    func overviewOpensPartner() throws {
        let state = try F.sampleState()
        let (after, _) = F.session(state, keys: [F.key(for: .moveDown), F.key(for: .focusLinks)])
        #expect(after.pane == .partners)
        #expect(after.selectedRecord(in: .partners)?.id == "lodz")
    }

    @Test("the sort key cycles columns and the other key reverses")
    func sorting() throws {
        var state = try F.sampleState()
        _ = Reducer.apply(.showPane(.partners), &state)
        let (byCountry, _) = F.session(state, keys: [F.key(for: .cycleSort)])
        #expect(byCountry.partnerSort == .country)
        let countries = byCountry.current.rows.map { byCountry.data.network.partners[$0].country }
        #expect(countries == countries.sorted())
        let (reversed, _) = F.session(byCountry, keys: [F.key(for: .reverseSort)])
        let descending = reversed.current.rows.map { reversed.data.network.partners[$0].country }
        #expect(descending == countries.sorted().reversed())
        #expect(Screen.render(reversed).lines[1].contains("CC▼"))
    }

    @Test("/ filters as each key is typed, n steps through matches, Esc clears")
    func search() throws {
        var state = try F.sampleState()
        _ = Reducer.apply(.showPane(.partners), &state)
        let typing = "country:JP".map { Key.character($0) }
        let (filtered, terminal) = F.session(state, keys: [F.key(for: .search)] + typing)
        #expect(filtered.current.rows.count == 4)
        #expect(terminal.screen.last?.hasPrefix("/country:JP") == true)
        let (kept, _) = F.session(filtered, keys: [F.key(for: .accept, in: .search), F.key(for: .nextMatch), F.key(for: .nextMatch)])
        #expect(kept.modal == nil)
        #expect(kept.current.filter == "country:JP")
        #expect(kept.current.selected == 2)
        let (wrapped, _) = F.session(kept, keys: [F.key(for: .nextMatch), F.key(for: .nextMatch)])
        #expect(wrapped.current.selected == 0, "n wraps around")
        let (cleared, _) = F.session(wrapped, keys: [F.key(for: .clearFilter)])
        #expect(cleared.current.rows.count == 32)
    }

    @Test("a malformed filter shows a message naming it and keeps the list")
    func malformedFilter() throws {
        var state = try F.sampleState()
        _ = Reducer.apply(.showPane(.partners), &state)
        let typing = "country:JP:".map { Key.character($0) }
        let (after, terminal) = F.session(state, keys: [F.key(for: .search)] + typing)
        #expect(after.message?.kind == .error)
        #expect(after.message?.text == #"country:JP:: "JP:" is not a country code or name"#)
        #expect(after.current.rows.count == 4, "the list stays as the last valid filter left it")
        #expect(terminal.screen[terminal.screen.count - 2].contains(#""JP:" is not a country code or name"#))
    }

    @Test(": jumps to any record by id or name, with completion")
    func jump() throws {
        let state = try F.sampleState()
        let typing = "tsukuba".map { Key.character($0) }
        let (prompt, terminal) = F.session(state, keys: [F.key(for: .jump, in: .global)] + typing)
        guard case .jump(_, let completions, _) = prompt.modal else { Issue.record("no prompt"); return }
        #expect(completions.first?.id == "tsukuba")
        #expect(terminal.screen.contains { $0.contains("University of Tsukuba") })
        let (jumped, _) = F.session(prompt, keys: [F.key(for: .accept, in: .jump)])
        #expect(jumped.pane == .partners)
        #expect(jumped.selectedRecord(in: .partners)?.id == "tsukuba")
        let (contact, _) = F.session(jumped, keys: [F.key(for: .jump, in: .global)] + "monika".map { Key.character($0) } + [F.key(for: .complete, in: .jump), F.key(for: .accept, in: .jump)])
        #expect(contact.pane == .contacts)
        #expect(contact.selectedRecord(in: .contacts)?.id == "monika-sprung")
    }

    @Test("? shows every key of the context from the keymap; Esc closes it")
    func help() throws {
        let state = try F.sampleState(width: 120, height: 40)
        let (open, terminal) = F.session(state, keys: [F.key(for: .help, in: .global)])
        #expect(open.modal == .help(scroll: 0))
        let screen = terminal.screen.joined(separator: "\n")
        #expect(screen.contains("filter the list as you type"))
        #expect(screen.contains("edit the selected record"))
        let (scrolled, scrolledTerminal) = F.session(open, keys: Array(repeating: F.key(for: .moveDown, in: .help), count: 30))
        #expect(scrolledTerminal.screen.joined(separator: "\n").contains("jump to any record by id or name"))
        let (closed, _) = F.session(scrolled, keys: [F.key(for: .closeOverlay, in: .help)])
        #expect(closed.modal == nil)
    }

    @Test("the theme key cycles themes; the mouse key toggles the mouse")
    func themeAndMouse() throws {
        let state = try F.sampleState(themes: ThemeCatalog.shipped())
        let (after, terminal) = F.session(state, keys: [F.key(for: .cycleTheme, in: .global), F.key(for: .toggleMouse, in: .global)])
        #expect(after.theme.name == "light")
        #expect(terminal.mouseEnabled)
    }

    @Test("quit ends the session")
    func quit() throws {
        let state = try F.sampleState()
        let (after, terminal) = F.session(state, keys: [F.key(for: .quit, in: .global), F.key(for: .showPane(.events), in: .global)])
        #expect(after.shouldQuit)
        #expect(after.pane == .overview)
        #expect(terminal.hasPendingEvents, "keys after quit are not read")
    }

    @Test("a click selects a row; the wheel scrolls")
    func mouse() throws {
        var state = try F.sampleState()
        _ = Reducer.apply(.showPane(.partners), &state)
        let listTop = Layout(state.size).listAndDetail.list.y
        _ = Reducer.handle(.mouse(MouseEvent(kind: .press, x: 5, y: listTop + 4)), &state)
        #expect(state.current.selected == 3)
        _ = Reducer.handle(.mouse(MouseEvent(kind: .wheelDown, x: 5, y: listTop + 4)), &state)
        #expect(state.current.selected == 6)
        _ = Reducer.handle(.mouse(MouseEvent(kind: .press, x: 28, y: 0)), &state)
        #expect(state.pane == .objectives)
    }
}
