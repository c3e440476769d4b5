public import SignpostCore

/// How a source writes dates, declared by its profile and never guessed: `YYYY-MM-DD`, `DD/MM/YYYY`, `M/D/YY`,
/// `DD.MM.YYYY`, `D MMM YYYY`... `D` and `DD` (and `M`, `MM`) both accept one or two digits; `MMM` is a month's
/// name or its first three letters; `YY` is 2000–2069 for 00–69 and 1970–1999 otherwise. A time after the date
/// (`31/03/2027 00:00`, as spreadsheets export) is ignored. ISO dates (`2027-03-31`) are always understood too,
/// since they cannot be mistaken for anything else.
public struct DatePattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Hashable {
        case year4, year2, month, monthName, day
        case literal(Character)
    }

    let tokens: [Token]
    public let description: String

    /// `YYYY-MM-DD`.
    public static let iso = DatePattern(
        tokens: [.year4, .literal("-"), .month, .literal("-"), .day],
        description: "YYYY-MM-DD"
    )

    private init(tokens: [Token], description: String) {
        self.tokens = tokens
        self.description = description
    }

    public init(_ pattern: String) throws(ProfileError) {
        description = pattern
        var tokens: [Token] = []
        var characters = Array(pattern.uppercased())
        var index = 0
        func run(of character: Character) -> Int {
            var length = 0
            while index + length < characters.count, characters[index + length] == character { length += 1 }
            return length
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "Y":
                let length = run(of: "Y")
                guard length == 2 || length == 4 else {
                    throw ProfileError("date format '\(pattern)': write the year as YYYY or YY")
                }
                tokens.append(length == 4 ? .year4 : .year2)
                index += length
            case "M":
                let length = run(of: "M")
                guard length <= 3 else {
                    throw ProfileError("date format '\(pattern)': write the month as M, MM or MMM")
                }
                tokens.append(length == 3 ? .monthName : .month)
                index += length
            case "D":
                let length = run(of: "D")
                guard length <= 2 else { throw ProfileError("date format '\(pattern)': write the day as D or DD") }
                tokens.append(.day)
                index += length
            default:
                if character.isLetter || character.isNumber {
                    throw ProfileError(
                        "date format '\(pattern)': '\(character)' is not understood; use YYYY, YY, MM, M, MMM, DD, D "
                            + "and separators such as / - . or a space"
                    )
                }
                tokens.append(.literal(character))
                index += 1
            }
        }
        characters = []
        let has = { (wanted: [Token]) in wanted.contains { tokens.contains($0) } }
        guard has([.year4, .year2]), has([.month, .monthName]), has([.day]) else {
            throw ProfileError("date format '\(pattern)' needs a year, a month and a day")
        }
        self.tokens = tokens
    }

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// The date `text` stands for, or `nil` when it does not follow the pattern (or is not a real date).
    public func date(from text: String) -> CalendarDate? {
        let trimmed = text.trimmed
        if let iso = CalendarDate(iso: String(trimmed.prefix(10))), trimmed.count == 10 || isTimeAfter(trimmed, at: 10)
        {
            return iso
        }
        let characters = Array(trimmed)
        var index = 0
        var year: Int?
        var month: Int?
        var day: Int?
        func digits(max: Int) -> Int? {
            var value = 0
            var count = 0
            while index < characters.count, count < max, let digit = characters[index].wholeNumberValue,
                characters[index].isASCII
            {
                value = value * 10 + digit
                index += 1
                count += 1
            }
            return count == 0 ? nil : value
        }
        for token in tokens {
            switch token {
            case .year4:
                let start = index
                guard let value = digits(max: 4), index - start == 4 else { return nil }
                year = value
            case .year2:
                let start = index
                guard let value = digits(max: 2), index - start == 2 else { return nil }
                year = value < 70 ? 2000 + value : 1900 + value
            case .month:
                month = digits(max: 2)
                if month == nil { return nil }
            case .day:
                day = digits(max: 2)
                if day == nil { return nil }
            case .monthName:
                var letters = ""
                while index < characters.count, characters[index].isLetter {
                    letters.append(characters[index])
                    index += 1
                }
                guard letters.count >= 3,
                    let position = Self.monthNames.firstIndex(of: String(letters.lowercased().prefix(3)))
                else { return nil }
                month = position + 1
            case .literal(let expected):
                guard index < characters.count else { return nil }
                if expected == " " {
                    guard characters[index].isWhitespace else { return nil }
                    while index < characters.count, characters[index].isWhitespace { index += 1 }
                } else {
                    guard characters[index] == expected else { return nil }
                    index += 1
                }
            }
        }
        guard index == characters.count || isTimeAfter(trimmed, at: index) else { return nil }
        guard let year, let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Whether what follows position `index` is a time of day (`T10:00`, ` 00:00:00`).
    private func isTimeAfter(_ text: String, at index: Int) -> Bool {
        let rest = text.dropFirst(index)
        guard let first = rest.first, first == " " || first == "T" else { return false }
        let time = String(rest.dropFirst()).trimmed
        return time.first?.isNumber == true && time.contains(":")
    }
}
