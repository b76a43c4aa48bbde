/// The problems of a top-level record's values, found while the record is decoded: each value
/// is checked by its field's rule (FieldRules) on the value just read, and each record's own
/// rules run on it once it is complete, so a load never reads a field back through its key path.
///
/// They are listed as a check of the finished record (`RecordSchema.check`) lists them: by
/// field in the table's order (a file may have its keys in another), a nested record's problems
/// at its field, a record's rules after its fields.
struct ValueProblems {
    /// On only while a top-level record is read (`decodeTopLevelRecord`): records decoded from a
    /// journal's or a merge's value are checked by whoever decodes them.
    var isOn = false
    private(set) var list: [Diagnostic] = []
    /// The field of the record being read that each problem belongs to.
    private var fields: [Int] = []
    /// The field being read; the decoder sets it before reading each value.
    var field = 0

    mutating func add(_ problem: Diagnostic) {
        list.append(problem)
        fields.append(field)
    }

    /// Where a nested record starts: its problems from here on belong to the field it is read
    /// for (the one being read now).
    func beginRecord() -> (first: Int, outerField: Int) { (list.count, field) }

    /// Puts a record's problems in table order (only needed when its keys were not) and hands
    /// them to the field it was read for.
    mutating func endRecord(_ begun: (first: Int, outerField: Int), keysInTableOrder: Bool) {
        field = begun.outerField
        guard begun.first < list.count else { return }
        if !keysInTableOrder {
            let order = (begun.first..<list.count).sorted { (fields[$0], $0) < (fields[$1], $1) }
            list.replaceSubrange(begun.first..., with: order.map { list[$0] })
        }
        for index in begun.first..<fields.count { fields[index] = begun.outerField }
    }

    /// The problems found since the last call, for the top-level record just read.
    mutating func take() -> [Diagnostic] {
        defer {
            list.removeAll(keepingCapacity: true)
            fields.removeAll(keepingCapacity: true)
        }
        return list
    }
}

extension JSONCursor {
    /// Checks the value just read at the cursor's path, when values are checked as they are
    /// read; `check` reports at the empty path, which becomes the cursor's.
    mutating func checkValue(_ check: (inout Issues) -> Void) {
        guard topLevel.values.isOn else { return }
        var found = Issues()
        check(&found)
        addValueProblems(found, separator: "")
    }

    /// Checks a complete record by its rules (paths relative to it, as `Issues` has them).
    mutating func checkRecord<Record>(_ record: Record, _ rules: (Record, inout Issues) -> Void) {
        var found = Issues()
        rules(record, &found)
        addValueProblems(found, separator: ".")
    }

    private mutating func addValueProblems(_ found: Issues, separator: String) {
        // Most values are fine: the path is made only for a problem.
        guard !found.list.isEmpty else { return }
        let path = pathText + separator
        for var problem in found.list {
            problem.path = path + problem.path
            topLevel.values.add(problem)
        }
    }
}
