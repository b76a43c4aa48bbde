import Testing
@testable import LiaisonCore

@Suite("A filter of hashes (the cross-record checks' quick answer)")
struct HashFilterTests {
    @Test("every text inserted is found; most of those not inserted are not")
    func answers() {
        var filter = HashFilter(capacity: 10_000)
        let inserted = (0..<10_000).map { "p-\($0)" }
        for text in inserted { filter.insert(text) }
        #expect(inserted.allSatisfy(filter.mayContain))
        let others = (0..<10_000).map { "c-\($0)" }
        let falseYes = others.filter(filter.mayContain).count
        // 16 bits a text: about one in 16 bits set, so about 6 % false answers; far below half.
        #expect(falseYes < others.count / 5)
    }
}
