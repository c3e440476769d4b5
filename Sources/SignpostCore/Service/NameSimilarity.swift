/// How alike two service names are, from 0 (no word in common) to 1 (the same words), for spotting the same service
/// listed by two sources.
///
/// Names are compared as sets of words, so word order does not matter ("Victim Support West Yorkshire" and "West
/// Yorkshire Victim Support" are the same). Each name is lower-cased, common accents are dropped (`ŵ` is `w`),
/// apostrophes join (`Women's` is `womens`), other punctuation separates words, a plural `s` is dropped (`womens`,
/// `services`), and words that say nothing about which service it is are left out: `and` (also written `&` or `+`),
/// `the`, `of`, `for`, legal forms (`Ltd`, `Limited`, `CIC`, `CIO`...). The score is the weighted Jaccard index of
/// the two word sets: the weight of the words both have over the weight of the words either has. Words that most
/// services' names share (`service`, `support`, `project`, `victim`, `helpline`...) weigh a quarter of a distinctive
/// word, so that "Leeds Domestic Abuse Service" and "Hull Domestic Abuse Service" are not alike merely for sharing
/// them.
public enum NameSimilarity {
    /// The weight of a common word, against 1 for a distinctive one.
    public static let commonWordWeight = 0.25

    /// The weighted Jaccard index of the two names' words; 0 when either has none.
    public static func score(_ first: String, _ second: String) -> Double {
        let left = Set(words(of: first))
        let right = Set(words(of: second))
        var shared = 0.0
        var either = 0.0
        for word in left.union(right) {
            let weight = weight(of: word)
            either += weight
            if left.contains(word), right.contains(word) { shared += weight }
        }
        return either > 0 ? shared / either : 0
    }

    /// The most words of a name that count: a name is a few words, and a 64 KiB "name" of ten thousand words must
    /// not cost more than a name.
    public static let maxWords = 64

    /// The name's words, normalised as the score compares them, without repeats, in the order they first appear; the
    /// first `maxWords` of them.
    public static func words(of name: String) -> [String] {
        var words: [String] = []
        var seen: Set<String> = []
        var current: [UInt8] = []
        func finish() {
            defer { current.removeAll(keepingCapacity: true) }
            guard !current.isEmpty, words.count < maxWords else { return }
            if current.count > 3, current.last == UInt8(ascii: "s"), current[current.count - 2] != UInt8(ascii: "s") {
                current.removeLast()
            }
            let word = String(decoding: current, as: UTF8.self)
            if !ignoredWords.contains(word), seen.insert(word).inserted { words.append(word) }
        }
        for scalar in name.unicodeScalars {
            if words.count >= maxWords { break }
            let value = scalar.value
            if value >= 0x61 && value <= 0x7A || value >= 0x30 && value <= 0x39 {
                current.append(UInt8(value))
            } else if value >= 0x41 && value <= 0x5A {
                current.append(UInt8(value + 0x20))
            } else if value == 0x27 || value == 0x60 || value == 0x2018 || value == 0x2019 {
                continue  // an apostrophe joins: women's -> womens
            } else if (0x300...0x36F).contains(value) {
                continue  // a combining accent (decomposed text: o + U+0302 is ô) is dropped like a composed one
            } else if value >= 0x80, scalar.properties.isAlphabetic {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    current += String(unaccented[lower] ?? lower).utf8
                }
            } else {
                finish()
            }
        }
        finish()
        return words
    }

    /// The weight a word carries in the score: `commonWordWeight` for words many services' names share, else 1.
    public static func weight(of word: String) -> Double {
        commonWords.contains(word) ? commonWordWeight : 1
    }

    /// Words left out of names altogether (after the plural `s` is dropped): joining words and legal forms, in
    /// English and Welsh.
    static let ignoredWords: Set<String> = [
        "and", "the", "of", "for", "in", "on", "at", "to", "a", "an", "with", "by",
        "ltd", "limited", "cic", "cio", "plc", "llp", "inc", "co", "incorporated",
        "y", "yr", "ac", "i", "ar",
    ]

    /// Words that many services' names share and so say little about which service it is (after the plural `s` is
    /// dropped).
    static let commonWords: Set<String> = [
        "service", "support", "project", "team", "centre", "center", "hub", "helpline", "line", "advice", "advocacy",
        "programme", "program", "scheme", "network", "group", "association", "organisation", "organization", "trust",
        "charity", "uk", "victim", "community", "help", "local", "partnership", "foundation", "gwasanaeth", "cymorth",
    ]

    /// Accented letters and their plain ones, for names written with and without accents.
    static let unaccented: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (plain, accented) in [
            ("a", "àáâãäåā"), ("c", "çć"), ("e", "èéêëē"), ("i", "ìíîïī"), ("n", "ñ"), ("o", "òóôõöøō"),
            ("u", "ùúûüū"), ("w", "ŵẁẃẅ"), ("y", "ýÿŷỳ"),
        ] {
            for scalar in accented.unicodeScalars { table[scalar] = plain.unicodeScalars.first }
        }
        return table
    }()
}
