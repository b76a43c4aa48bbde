/// Where a field's value lives in its record, for the decoder to write it there directly.
///
/// A write through a key path held at run time goes through the key-path runtime for every value
/// of every record (a load writes millions). A key path to a stored property of a struct names a
/// fixed place in the record's bytes (`MemoryLayout.offset(of:)`), so the value is assigned there
/// as a plain store; a key path that is not one (a computed property) is still written through.
/// Reads go the same way: a read through the key-path runtime copies the whole record first (a
/// retain and a release of every field), which a load pays for every link of every record.
struct FieldSlot<Record, Value>: Sendable {
    let keyPath: WritableKeyPath<Record, Value> & Sendable
    private let offset: Int?

    init(_ keyPath: WritableKeyPath<Record, Value> & Sendable) {
        self.keyPath = keyPath
        self.offset = MemoryLayout<Record>.offset(of: keyPath)
    }

    /// The value, read in place: only the value is copied, not the record around it.
    func get(at record: UnsafePointer<Record>) -> Value {
        guard let offset else { return record.pointee[keyPath: keyPath] }
        return (UnsafeRawPointer(record) + offset).assumingMemoryBound(to: Value.self).pointee
    }

    func get(_ record: borrowing Record) -> Value {
        withUnsafePointer(to: record) { get(at: $0) }
    }

    func set(_ value: Value, in record: inout Record) {
        guard let offset else {
            record[keyPath: keyPath] = value
            return
        }
        withUnsafeMutableBytes(of: &record) { bytes in
            // An assignment, not an initialisation: the value there before is released.
            (bytes.baseAddress! + offset).assumingMemoryBound(to: Value.self).pointee = value
        }
    }
}
