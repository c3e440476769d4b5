import Foundation
import SignpostOpenReferral
import Testing

/// What a writer produced, as text.
private func written(_ build: (inout JSONWriter) -> Void) -> String {
    var writer = JSONWriter()
    build(&writer)
    return String(decoding: writer.bytes, as: UTF8.self)
}

@Test func writerPutsCommasAndColonsBetweenNestedMembers() {
    let json = written { writer in
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.number(1)
        writer.number(2)
        writer.beginObject()
        writer.key("b")
        writer.null()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.endArray()
        writer.key("c")
        writer.bool(true)
        writer.key("d")
        writer.beginObject()
        writer.endObject()
        writer.key("e")
        writer.bool(false)
        writer.endObject()
    }
    #expect(json == #"{"a":[1,2,{"b":null},[]],"c":true,"d":{},"e":false}"#)
}

@Test func optionalFieldsThatAreNilWriteNothing() {
    let json = written { writer in
        writer.beginObject()
        writer.field("missing", String?.none)
        writer.field("name", "Leeds")
        writer.field("age", Int?.none)
        writer.field("count", 3)
        writer.field("ratio", Double?.none)
        writer.field("open", Bool?.none)
        writer.field("closed", false)
        writer.endObject()
    }
    #expect(json == #"{"name":"Leeds","count":3,"closed":false}"#)
}

@Test func stringConcatenatingPartsWritesOneEscapedString() {
    let json = written { writer in
        writer.beginArray()
        writer.string(concatenating: "a/b", "#area-", "E23000010")
        writer.string(concatenating: "x", "\"", "y", "\\")
        writer.endArray()
    }
    #expect(json == #"["a/b#area-E23000010","x\"y\\"]"#)
}

@Test(arguments: [
    "plain",
    "She said \"help\"",
    #"C:\refuge\list"#,
    "line one\nline two\r\nline three",
    "tab\there, bell \u{07}, nul \u{00}, unit separator \u{1F}, delete \u{7F}",
    "Gwasanaeth Cymorth i Ddioddefwyr: ŵ ŷ â ê, Llanfairpwllgwyngyll",
    "Emoji 🏳️‍🌈 and 👩🏽‍⚖️, Polish zażółć gęślą jaźń, Urdu اردو",
    "",
])
func stringsRoundTripThroughJSONSerialization(_ value: String) throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key(value)
    writer.string(value)
    writer.endObject()
    let parsed = try #require(try parseJSON(writer.bytes) as? [String: String])
    #expect(parsed == [value: value])
}

@Test func controlCharactersAreEscapedAndNonASCIIIsCopiedAsUTF8() {
    let json = written { writer in
        writer.string("a\u{01}b\u{1F}c\n\"\\\u{08}\u{0C}\t\rŵ")
    }
    #expect(json == #""a\u0001b\u001fc\n\"\\\b\f\t\rŵ""#)
    var writer = JSONWriter()
    writer.string("ŵ🏳️‍🌈")
    #expect(writer.bytes == Array("\"ŵ🏳️‍🌈\"".utf8))
}

@Test(arguments: [
    (0, "0"), (7, "7"), (-7, "-7"), (42, "42"), (1_000_000, "1000000"), (-1_234_567_890, "-1234567890"),
    (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
])
func integersAreWrittenInDecimal(_ value: Int, _ expected: String) {
    #expect(written { $0.number(value) } == expected)
}

@Test(arguments: [
    (53.7965, "53.7965"), (-1.5478, "-1.5478"), (0.1, "0.1"), (5.0, "5"), (-0.0, "0"), (100.0, "100"),
    (0.00001, "0.00001"), (-0.000123, "-0.000123"), (1e16, "10000000000000000"), (1.5e300, "1.5e+300"),
    (2.5e-10, "2.5e-10"), (51.50735, "51.50735"), (-0.1276, "-0.1276"),
])
func doublesAreWrittenShortAndReadBackExactly(_ value: Double, _ expected: String) throws {
    let json = written { $0.number(value) }
    #expect(json == expected)
    #expect(try JSONDecoder().decode(Double.self, from: Data(json.utf8)) == value)
}

@Test func doublesWithManyDigitsRoundTrip() throws {
    let values: [Double] = [0.1 + 0.2, 1.0 / 3.0, -179.99999999999997, 53.796_512_345_678_9, Double.pi * 1e-5]
    var writer = JSONWriter()
    writer.beginArray()
    for value in values { writer.number(value) }
    writer.endArray()
    #expect(!String(decoding: writer.bytes, as: UTF8.self).contains("e"))
    // JSONDecoder rather than JSONSerialization: on Linux the latter rounds 17-digit decimals
    // (0.30000000000000004 reads as 0.3000000000000001), which says nothing about what was written.
    #expect(try JSONDecoder().decode([Double].self, from: Data(writer.bytes)) == values)
}

@Test func nonFiniteDoublesBecomeNull() {
    let json = written { writer in
        writer.beginArray()
        writer.number(Double.nan)
        writer.number(Double.infinity)
        writer.number(-Double.infinity)
        writer.endArray()
    }
    #expect(json == "[null,null,null]")
}

@Test func rawValueIsSplicedAsOneValue() {
    let cached = Array(#"{"id":"x"}"#.utf8)
    let json = written { writer in
        writer.beginArray()
        writer.rawValue(cached)
        writer.rawValue(cached)
        writer.endArray()
    }
    #expect(json == #"[{"id":"x"},{"id":"x"}]"#)
}
