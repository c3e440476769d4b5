import Foundation
import SignpostCore
import SignpostImport
import Testing

/// The header of the ONS National Statistics Postcode Lookup, February 2016 release.
private let nsplHeader =
    "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa11,cty,laua,ward,hlthau,hro,ctry,gor,pcon,eer,"
    + "teclec,ttwa,pct,nuts,park,lsoa11,msoa11,wz11,ccg,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd"

/// The header of the ONS Postcode Directory, February 2023 release.
private let onspdHeader =
    "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,nhser,"
    + "ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,park,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,"
    + "msoa11,wz11,sicbl,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21"

/// The header of the NSPL before August 2015: no pfa column.
private let nsplMay2015Header =
    "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa11,cty,laua,ward,hlthau,hro,ctry,gor,pcon,eer,"
    + "teclec,ttwa,pct,nuts,park,lsoa11,msoa11,wz11,ccg,bua11,buasd11,ru11ind,oac11,lat,long"

/// One row of an ONS postcode directory, by the values the reader uses; the rest are filled as the ONS fills them.
private struct DirectoryRow {
    /// The padded 7-character form (`N2  8AA`).
    var pcd: String
    var doterm = ""
    var localAuthority = "E09000003"
    var forceArea = "E23000001"
    var country = "E92000001"
    var lat = "51.587295"
    var long = "-0.164688"

    /// The row's cells in the order of `header`, quoted as the ONS quotes them (all but the numbers).
    func line(header: String) -> String {
        let parts = pcd.split(separator: " ")
        let outward = parts.first.map(String.init) ?? pcd
        let inward = parts.dropFirst().joined()
        return header.split(separator: ",").map { column -> String in
            switch column {
            case "pcd": "\"\(pcd)\""
            case "pcd2": "\"\(outward.padding(toLength: 5, withPad: " ", startingAt: 0))\(inward)\""
            case "pcds": "\"\(outward) \(inward)\""
            case "dointr": "\"198001\""
            case "doterm": "\"\(doterm)\""
            case "laua", "oslaua": "\"\(localAuthority)\""
            case "pfa": "\"\(forceArea)\""
            case "ctry": "\"\(country)\""
            case "lat": lat
            case "long": long
            case "imd": "25290"
            case "usertype": "\"0\""
            default: "\"E99999999\""
            }
        }
        .joined(separator: ",")
    }
}

/// A postcode directory file: a header and rows, with the given line end.
private func directory(header: String, rows: [DirectoryRow], lineEnd: String = "\n") -> String {
    ([header] + rows.map { $0.line(header: header) }).joined(separator: lineEnd) + lineEnd
}

/// Writes `text` to a fresh temporary file and returns its path.
private func temporaryFile(_ text: String, name: String = "NSPL_test.csv") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// Every record of the file at `path`, and the summary.
private func readAll(
    _ path: String,
    chunkSize: Int = 8 << 20,
    batchSize: Int = 8192
) throws -> ([PostcodeRecord], PostcodeDirectorySummary) {
    var records: [PostcodeRecord] = []
    let summary = try PostcodeDirectoryReader(path: path, chunkSize: chunkSize)
        .read(batchSize: batchSize) { records += $0 }
    return (records, summary)
}

/// The rows both layouts are tested with: Barnet (London) live, terminated and grid-less postcodes, pseudo codes, a
/// Cardiff postcode, a terminated Aberdeen one, and a row whose postcode is not one.
private let sampleRows: [DirectoryRow] = [
    DirectoryRow(pcd: "N2  8AA"),
    DirectoryRow(pcd: "N2  8AF", doterm: "201502", lat: "51.589713", long: "-0.164590"),
    DirectoryRow(pcd: "N2  8AZ", lat: "99.999999", long: "0.000000"),
    DirectoryRow(pcd: "N2  9PS", localAuthority: "E99999999", forceArea: "", lat: "51.592001", long: "-0.168221"),
    DirectoryRow(
        pcd: "CF101AA",
        localAuthority: "W06000015",
        forceArea: "W15000003",
        country: "W92000004",
        lat: "51.481583",
        long: "-3.179090"
    ),
    DirectoryRow(
        pcd: "AB1 0AA",
        doterm: "199606",
        localAuthority: "S12000033",
        forceArea: "S23000009",
        country: "S92000003",
        lat: "57.101474",
        long: "-2.242851"
    ),
    DirectoryRow(pcd: "NOT A PC"),
]

@Suite("ONS postcode directory reader")
struct PostcodeDirectoryReaderTests {
    @Test(arguments: [(nsplHeader, PostcodeDirectoryLayout.nspl, "\n"), (onspdHeader, .onspd, "\r\n")])
    func readsBothLayouts(header: String, layout: PostcodeDirectoryLayout, lineEnd: String) throws {
        let path = try temporaryFile(directory(header: header, rows: sampleRows, lineEnd: lineEnd))
        let (records, summary) = try readAll(path)

        #expect(records.map(\.postcode.description) == ["N2 8AA", "N2 8AF", "N2 8AZ", "N2 9PS", "CF10 1AA", "AB1 0AA"])
        let barnet = records[0]
        #expect(barnet.point == GeoPoint(latitude: 51.587295, longitude: -0.164688))
        #expect(barnet.localAuthority == AreaCode("E09000003"))
        #expect(barnet.forceArea == AreaCode("E23000001"))
        #expect(!barnet.isTerminated)

        #expect(records[1].isTerminated)
        #expect(records[1].point == GeoPoint(latitude: 51.589713, longitude: -0.164590))
        #expect(records[2].point == nil, "latitude 99.999999 means no grid reference")
        #expect(records[2].localAuthority == AreaCode("E09000003"))
        #expect(records[3].localAuthority == nil, "E99999999 is a pseudo code")
        #expect(records[3].forceArea == nil)
        #expect(records[3].point != nil)

        let cardiff = records[4]
        #expect(cardiff.localAuthority == AreaCode("W06000015"))
        #expect(cardiff.forceArea == AreaCode("W15000003"))
        #expect(cardiff.point == GeoPoint(latitude: 51.481583, longitude: -3.179090))

        let aberdeen = records[5]
        #expect(aberdeen.isTerminated)
        #expect(aberdeen.point == nil, "outside England and Wales")
        #expect(aberdeen.localAuthority == nil && aberdeen.forceArea == nil, "Scottish codes are not E/W areas")

        #expect(summary.layout == layout)
        #expect(summary.rows == 7)
        #expect(summary.records == 6)
        #expect(summary.live == 4)
        #expect(summary.terminated == 2)
        #expect(summary.gridless == 1)
        #expect(summary.outsideEnglandAndWales == 1)
        #expect(summary.unknownAuthority == 2)
        #expect(summary.unknownForce == 2)
        #expect(summary.skipped == 1)
        #expect(summary.skippedLines == [8])
    }

    @Test(arguments: [1, 7, 64, 1000])
    func chunkBoundariesDoNotChangeWhatIsRead(chunkSize: Int) throws {
        var rows: [DirectoryRow] = []
        for index in 0..<40 {
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            rows.append(
                DirectoryRow(
                    pcd: "LS1 \(index % 10)\(letters[index % 20])\(letters[(index / 20) % 20])",
                    doterm: index.isMultiple(of: 7) ? "202001" : "",
                    localAuthority: "E08000035",
                    forceArea: "E23000010",
                    lat: String(format: "53.79%04d", index),
                    long: String(format: "-1.54%04d", index)
                )
            )
        }
        let path = try temporaryFile("\u{FEFF}" + directory(header: onspdHeader, rows: rows, lineEnd: "\r\n"))
        let (expected, expectedSummary) = try readAll(path)
        let (records, summary) = try readAll(path, chunkSize: chunkSize, batchSize: 6)
        #expect(expected.count == 40)
        #expect(records == expected)
        #expect(summary == expectedSummary)
        #expect(summary.layout == .onspd, "a byte-order mark does not hide the first column")
    }

    @Test func batchesHoldAtMostTheBatchSize() throws {
        let rows = (0..<10).map { DirectoryRow(pcd: "N2  8A\(Array("ABDEFGHJLN")[$0])") }
        let path = try temporaryFile(directory(header: nsplHeader, rows: rows))
        var sizes: [Int] = []
        _ = try PostcodeDirectoryReader(path: path).read(batchSize: 4) { sizes.append($0.count) }
        #expect(sizes == [4, 4, 2])
    }

    @Test func fallsBackToThePaddedPostcodeAndAcceptsNewerColumnNames() throws {
        let text = """
            PCD7,doterm,LAD23CD,PFA23CD,Lat,Long
            "N2  8AA","","E09000003","E23000001",51.587295,-0.164688
            "SW1A1AA","","E09000033","E23000001",51.501009,-0.141588

            """
        let path = try temporaryFile(text, name: "postcodes.csv")
        let columns = try PostcodeDirectoryReader(path: path).columns()
        #expect(columns.postcode == "PCD7")
        #expect(columns.localAuthority == "LAD23CD")
        #expect(columns.forceArea == "PFA23CD")
        #expect(columns.layout == .unknown)
        let (records, summary) = try readAll(path)
        #expect(records.map(\.postcode.description) == ["N2 8AA", "SW1A 1AA"])
        #expect(records[1].localAuthority == AreaCode("E09000033"))
        #expect(summary.rows == 2, "the blank last line is not a row")
    }

    @Test func quotedCellsWithCommasAndDoubledQuotesAreRead() throws {
        let text = """
            pcds,doterm,laua,pfa,lat,long,note
            "N2 8AA","","E09000003","E23000001",51.587295,-0.164688,"a ""quoted"", note"
            "N2 8AB","","E09000003","E23000001",51.589098,-0.164384,"two
            lines"
            "N2 8AD","","E09000003","E23000001",51.590334,-0.164623,""
            """
        let path = try temporaryFile(text)
        let (records, summary) = try readAll(path, chunkSize: 5)
        #expect(records.map(\.postcode.description) == ["N2 8AA", "N2 8AB", "N2 8AD"])
        #expect(records.allSatisfy { $0.point != nil && $0.forceArea == AreaCode("E23000001") })
        #expect(summary.rows == 3)
    }

    @Test func aFileWithoutThePoliceForceAreaColumnIsRefusedNamingIt() throws {
        let path = try temporaryFile(directory(header: nsplMay2015Header, rows: [DirectoryRow(pcd: "N2  8AA")]))
        let error = try #require(throws: ImportFileError.self) { try PostcodeDirectoryReader(path: path).columns() }
        #expect(error.file == path)
        #expect(error.description.contains(path))
        #expect(error.description.contains("pfa"))
        #expect(!error.description.contains("lat,") && !error.description.contains("doterm"))
    }

    @Test func aFileWithoutAHeaderRowIsRefusedNamingEveryMissingColumn() throws {
        let row = DirectoryRow(pcd: "N2  8AL").line(header: nsplHeader)
        let path = try temporaryFile(row + "\n")
        let error = try #require(throws: ImportFileError.self) {
            try PostcodeDirectoryReader(path: path).read { _ in }
        }
        for column in ["pcds", "lat", "long", "laua", "pfa", "doterm"] {
            #expect(error.description.contains(column), "names \(column)")
        }
    }

    @Test func missingAndEmptyFilesAreFileErrors() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).csv").path
        #expect(throws: ImportFileError.self) { try PostcodeDirectoryReader(path: missing).columns() }
        let empty = try temporaryFile("")
        let error = try #require(throws: ImportFileError.self) { try PostcodeDirectoryReader(path: empty).columns() }
        #expect(error.description.contains("empty"))
    }
}
