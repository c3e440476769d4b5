// Seeded randomness and padding for generated data.

/// A small, fast, seedable random number generator (SplitMix64), so that generated lists are the same every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Zero-padded numbers for generated dates and phone numbers.
enum Padded {
    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    static func four(_ value: Int) -> String {
        let digits = "\(value)"
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
