import SignpostOpenReferral
import Testing

@Suite("CSV tables (RFC 4180)")
struct CSVTableTests {
    @Test func cellsAreQuotedOnlyWhenTheyMustBe() {
        var table = CSVTable(name: "services", columns: ["id", "name", "description"])
        table.append(["id": "a/1", "name": "Plain", "description": nil])
        table.append(["id": "a/2", "name": "Comma, inside", "description": "He said \"hello\"\nthen left\r\n"])
        table.append(["name": "Cymraeg – ñ é"])
        let text = String(decoding: table.bytes, as: UTF8.self)
        #expect(
            text
                == "id,name,description\r\n"
                + "a/1,Plain,\r\n"
                + "a/2,\"Comma, inside\",\"He said \"\"hello\"\"\nthen left\r\n\"\r\n"
                + ",Cymraeg – ñ é,\r\n"
        )
        #expect(table.fileName == "services.csv")
        #expect(table.values(of: "id") == ["a/1", "a/2", ""])
    }

    @Test func aTableWithNoRowsIsItsHeader() {
        let table = CSVTable(name: "units", columns: ["id", "name"])
        #expect(table.bytes == Array("id,name\r\n".utf8))
        #expect(table.bytes.first != 0xEF, "no byte-order mark")
    }
}
