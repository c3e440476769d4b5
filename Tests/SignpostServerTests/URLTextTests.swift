import Foundation
import Testing

@testable import SignpostServer

/// The byte-level decoding that replaced Foundation's in the request path gives what Foundation gave.
@Suite("Query text is decoded as Foundation decodes it")
struct URLTextTests {
    @Test func escapesAndPlusesDecodeOnce() {
        #expect(URLText.decode("LS1+4AP", plusIsSpace: true) == "LS1 4AP")
        #expect(URLText.decode("LS1%204AP") == "LS1 4AP")
        #expect(URLText.decode("a%2Bb", plusIsSpace: true) == "a+b")
        #expect(URLText.decode("a+b") == "a+b")
        #expect(URLText.decode("%2541") == "%41")
        #expect(URLText.decode("caf%C3%A9") == "café")
        #expect(URLText.decode("test-list%2FWY-1") == "test-list/WY-1")
        #expect(URLText.decode("") == "")
    }

    @Test func aBrokenEscapeOrNonUTF8IsNil() {
        for text in ["%", "%4", "%zz", "abc%2", "%C3", "%FF%FE"] {
            #expect(URLText.decode(text) == nil, "\(text)")
            #expect(text.removingPercentEncoding == nil, "Foundation agrees on \(text)")
        }
    }

    @Test func agreesWithFoundationOnAssortedText() {
        let samples = ["M1%201AE", "need=domestic-abuse", "%E2%80%99s", "x%20%20y", "Hello%2C%20World", "plain"]
        for text in samples { #expect(URLText.decode(text) == text.removingPercentEncoding, "\(text)") }
    }

    @Test func trimmingTakesSpacesAndTabsOnly() {
        #expect(URLText.trimmed("  pl \t") == "pl")
        #expect(URLText.trimmed("   ") == "")
        #expect(URLText.trimmed("\nkey\n") == "\nkey\n")
        #expect(URLText.trimmed(" two words ") == "two words")
    }
}
