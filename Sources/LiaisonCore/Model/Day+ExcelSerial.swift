/// Days as spreadsheets store them: Excel (and LibreOffice and openpyxl writing for it) keeps a
/// date as a serial number of days, 1 being 1900-01-01 in the 1900 date system every workbook
/// uses by default. Excel counts a 29 February 1900 that never was (serial 60, kept for Lotus
/// 1-2-3), so from 1900-03-01 on a serial is days since 1899-12-30; the two months before are
/// refused rather than read one day off.
extension Day {
    /// The serial of 1970-01-01.
    private static let excelSerialOfEpoch = 25_569
    /// 1900-03-01, the first serial counted without the phantom leap day.
    private static let firstExcelSerial = 61

    /// The day a serial stands for (its whole part: the fraction is a time of day), or nil
    /// before 1900-03-01 or after 9999-12-31.
    public init?(excelSerial: Double) {
        guard excelSerial.isFinite, excelSerial >= Double(Self.firstExcelSerial), excelSerial < 2_958_466 else { return nil }
        self.init(daysSinceEpoch: Int(excelSerial.rounded(.down)) - Self.excelSerialOfEpoch)
    }

    /// The serial a workbook stores for this day, or nil before 1900-03-01.
    public var excelSerial: Int? {
        let serial = daysSinceEpoch + Self.excelSerialOfEpoch
        return serial >= Self.firstExcelSerial ? serial : nil
    }
}
