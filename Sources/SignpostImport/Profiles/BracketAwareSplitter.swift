import Foundation

/// Splits a cell that holds several values at its separators, but never inside brackets: `Chinese (Cantonese,
/// Mandarin), Polish` split on `,` is two values, not three. Round, square and curly brackets count; a bracket never
/// closed keeps the rest of the cell together.
enum BracketAwareSplitter {
    static func split(_ text: String, by separators: [String]) -> [String] {
        let separators = separators.filter { !$0.isEmpty }
        guard !separators.isEmpty else { return [text] }
        // Most cells hold no bracket: split them the plain way, which is faster.
        if !text.utf8.contains(where: { $0 == 0x28 || $0 == 0x5B || $0 == 0x7B }) {
            var pieces = [text]
            for separator in separators { pieces = pieces.flatMap { $0.components(separatedBy: separator) } }
            return pieces
        }
        var pieces: [String] = []
        var current = ""
        var depth = 0
        var index = text.startIndex
        scan: while index < text.endIndex {
            let character = text[index]
            switch character {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            default: break
            }
            if depth == 0 {
                for separator in separators where text[index...].hasPrefix(separator) {
                    pieces.append(current)
                    current = ""
                    index = text.index(index, offsetBy: separator.count)
                    continue scan
                }
            }
            current.append(character)
            index = text.index(after: index)
        }
        pieces.append(current)
        return pieces
    }
}
