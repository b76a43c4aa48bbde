/// A table read from a file someone brings (a CSV file, a workbook's sheet, an address book):
/// its header row and its data rows, every cell as text. What the file format was is forgotten
/// here; the import (column matching, values, rows to records) works on this alone.
public struct SheetTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// The row's number as the user's spreadsheet shows it (the header is row 1 in a CSV
        /// file; in a workbook, the sheet's own row number), for messages.
        public var number: Int
        /// One cell per header; a short row is padded with "" by the reader.
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// Where the table came from, for messages: the file's name, and the sheet's for a workbook.
    public var source: String
    public var headers: [String]
    public var rows: [Row]
    /// What the reader decided and the user should hear ("read as Windows-1252", "cells
    /// separated by ;"), in the order it decided them.
    public var notes: [String]
    /// What the file calls a row, for messages: "row" in a sheet, "card" in an address book.
    public var rowName: String

    public init(source: String, headers: [String], rows: [Row], notes: [String] = [], rowName: String = "row") {
        self.source = source
        self.headers = headers
        self.rows = rows
        self.notes = notes
        self.rowName = rowName
    }
}

/// A file that could not be read as a table, in words that name the file and what is wrong.
public struct SheetReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
