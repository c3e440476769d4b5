import SignpostCore

/// Excel's dates: a cell shows a date but stores a serial number of days, with the time of day as the fraction.
enum ExcelDate {
    /// The date of `serial` (text as the sheet stores it), or `nil` when it is not a serial Excel shows as a date.
    /// In the 1900 date system 1 is 1900-01-01 and 60 is 1900-02-29, a day that never was (Lotus 1-2-3 took 1900 for
    /// a leap year and Excel kept the mistake), so serials from 61 count from 1899-12-30 and those below from
    /// 1899-12-31. In the 1904 system (`date1904` in the workbook, old Mac workbooks) 0 is 1904-01-01.
    static func date(serial text: String, date1904: Bool) -> CalendarDate? {
        guard let value = Double(text.trimmed), value.isFinite, value >= 0, value < 3_000_000 else { return nil }
        var days = Int(value.rounded(.down))
        if date1904 { days += 1_462 }
        guard days >= 1, days != 60 else { return nil }
        // Days from 1970-01-01 (Unix day 0 is serial 25569).
        let unixDay = days < 60 ? days - 25_568 : days - 25_569
        return civil(fromUnixDay: unixDay)
    }

    /// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromUnixDay day: Int) -> CalendarDate? {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDate(year: year, month: month, day: dayOfMonth)
    }
}
