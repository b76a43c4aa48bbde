// What `liaison-bench` measures for docs/performance.md: load, save, search and peak memory of
// one network file, and the editing path (an edit through the document, journal included, and a
// save that merges).
import Foundation
import LiaisonApp
import LiaisonCore
import TerminalUI

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func measureOne(path: String, runs: Int) throws {
    let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_000_000
    var loads: [Double] = [], parses: [Double] = [], saves: [Double] = [], encodes: [Double] = []
    var indexes: [Double] = [], searches: [Double] = [], filtered: [Double] = []
    var file: NetworkFile!
    let output = NSTemporaryDirectory() + "liaison-bench-\(getpid()).json"
    defer { try? FileManager.default.removeItem(atPath: output); try? FileManager.default.removeItem(atPath: output + ".bak") }
    let query = try SearchQuery(parsing: "kraków")
    let filterQuery = try SearchQuery(parsing: "country:PL expires:<180d")
    var loadPeak = 0.0
    for run in 0..<runs {
        // The previous run's network is freed first: assigned inside the timing, its freeing
        // (~80 ms at 100,000 partners) was counted as part of the load.
        file = nil
        loads.append(try milliseconds { file = try NetworkFile.load(path: path) })
        if run == 0 { loadPeak = peakMemoryMB() }
        let bytes = try FileContents.read(path)
        parses.append(try milliseconds { _ = try JSONReader.parse(bytes) })
        encodes.append(milliseconds { _ = NetworkCoding.encode(file.network) })
        saves.append(try milliseconds { try NetworkFile.save(file.network, to: output) })
        var index: SearchIndex!
        indexes.append(milliseconds { index = SearchIndex(network: file.network) })
        var hits = 0
        searches.append(milliseconds { hits = index.search(query, in: file.network).count })
        filtered.append(milliseconds { _ = index.search(filterQuery, in: file.network) })
        precondition(hits > 0, "the benchmark search found nothing")
    }
    let row = [size, median(loads), median(parses), median(encodes), median(saves), median(indexes), median(searches), median(filtered), loadPeak, peakMemoryMB()]
    FileHandle.standardOutput.write(Data(("\(file.network.partners.count)\t" + row.map { String(format: "%.1f", $0) }.joined(separator: "\t") + "\n").utf8))
}

/// Editing: an edit applied through the document (its rules, and the recovery journal's fsync)
/// with the screen redrawn, and a save that merges with someone else's save.
func measureEditing(path: String, runs: Int) throws {
    var applies: [Double] = [], merges: [Double] = []
    let directory = NSTemporaryDirectory() + "liaison-bench-edit-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let copy = directory + "/network.json"
    for run in 0..<runs {
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let document = try Document(storage: FileStorage(path: copy), editor: "bench")
        var state = AppState(data: DataSnapshot(document: document), size: Size(width: 120, height: 40))
        _ = Reducer.apply(.showPane(.partners), &state)
        _ = Screen.render(state)
        // What the dashboard builds while the user reads the first screen (indexes, orders) and
        // types into the form (the lookalike index).
        while state.prepareInBackground() {}
        document.prepareLookalikes(slice: .max)
        var partner = document.store.partners[run]
        partner.notes = "edited in run \(run)"
        applies.append(milliseconds {
            guard case .applied = document.put(.partner(partner)) else { preconditionFailure("the edit was refused") }
            state.networkChanged(kind: .partner)
            _ = Screen.render(state)
        })
        // Someone else saves another partner first, so this save has to merge.
        let colleague = try Document(storage: FileStorage(path: copy), editor: "colleague", journaling: false)
        var theirs = colleague.store.partners[colleague.store.partners.count - 1]
        theirs.notes = "theirs"
        colleague.put(.partner(theirs))
        precondition(colleague.save() == .saved(merged: false))
        merges.append(milliseconds {
            precondition(document.save() == .saved(merged: true))
        })
    }
    FileHandle.standardOutput.write(Data(String(format: "%@\tedit+journal+redraw %.1f ms\tsave with merge %.1f ms\n",
                                                path, median(applies), median(merges)).utf8))
}

/// The summary table: each file measured by `measureOne` in a child process of its own, so that
/// its peak memory is that file's alone.
func measureSummary(paths: [String], runs: Int) throws {
    FileHandle.standardOutput.write(Data("partners\tMB\tload ms\tparse-only ms\tencode ms\tsave ms\tindex ms\tsearch ms\tfilter ms\tload peak MB\tbench peak MB\n".utf8))
    for path in paths {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--runs", String(runs), "--one", path]
        try child.run()
        child.waitUntilExit()
    }
}
