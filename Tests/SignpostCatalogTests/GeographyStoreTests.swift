import Foundation
import SignpostCore
import SignpostImport
import Testing

@testable import SignpostCatalog

/// The postcode `text` stands for.
private func parse(_ text: String) throws -> Postcode {
    try #require(Postcode(text))
}

/// A postcode record, briefly.
private func postcode(
    _ text: String,
    _ latitude: Double? = nil,
    _ longitude: Double? = nil,
    la: String? = "E09000003",
    pfa: String? = "E23000001",
    terminated: Bool = false
) throws -> PostcodeRecord {
    PostcodeRecord(
        postcode: try #require(Postcode(text)),
        point: latitude.flatMap { latitude in longitude.map { GeoPoint(latitude: latitude, longitude: $0) } },
        localAuthority: la.map { AreaCode($0) },
        forceArea: pfa.map { AreaCode($0) },
        isTerminated: terminated
    )
}

/// An ONS Postcode Directory extract (February 2023 columns, CRLF line ends as the ONS writes them): Barnet
/// postcodes live, terminated, grid-less and with pseudo codes, and a Cardiff one.
private let onspdExtract =
    ([
        "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,"
            + "nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,park,lsoa01,msoa01,ur01ind,"
            + "oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,"
            + "oa21,lsoa21,msoa21",
        onspdRow("N2  8AA", lat: "51.587295", long: "-0.164688"),
        onspdRow("N2  8AF", doterm: "201502", lat: "51.589713", long: "-0.164590"),
        onspdRow("N2  8AZ", lat: "99.999999", long: "0.000000"),
        onspdRow("N2  9PS", la: "E99999999", lat: "51.592001", long: "-0.168221", pfa: ""),
        onspdRow("CF101AA", la: "W06000015", lat: "51.481583", long: "-3.179090", pfa: "W15000003"),
    ] as [String]).joined(separator: "\r\n") + "\r\n"

/// One ONSPD row in the ONS's style: codes quoted, coordinates and the deprivation rank not.
private func onspdRow(
    _ pcd: String,
    doterm: String = "",
    la: String = "E09000003",
    lat: String,
    long: String,
    pfa: String = "E23000001"
) -> String {
    let compact = pcd.filter { $0 != " " }
    let pcds = "\(compact.dropLast(3)) \(compact.suffix(3))"
    let before = [pcd, pcd, pcds, "198001", doterm, "E13000044", "E99999999", la, "E05000049", "E43000191", "0"]
    let middle = Array(repeating: "E99999999", count: 31)
    let after = ["E37000023", "", pfa]
    func quoted(_ cells: [String]) -> String { cells.map { "\"\($0)\"" }.joined(separator: ",") }
    return quoted(before + middle) + ",\(lat),\(long)," + quoted(after) + ",25290,"
        + quoted(["E56000001", "E54000027", "E00000920", "E01000182", "E02000052"])
}

@Suite("Catalog stores: postcode geography")
struct GeographyStoreTests {
    /// Barnet's N2: sector N2 8 mostly Metropolitan Police with one City of London postcode, a terminated and a
    /// grid-less one; sector N2 9 in another LA; and a district (ZE1) whose postcodes are all terminated.
    func barnet() throws -> [PostcodeRecord] {
        [
            try postcode("N2 8AA", 51.58, -0.16),
            try postcode("N2 8AB", 51.59, -0.17),
            try postcode("N2 8AD", 51.60, -0.18, la: "E09000001", pfa: "E23000034"),
            try postcode("N2 8AF", 52.00, -1.00, la: "E09000002", pfa: "E23000099", terminated: true),
            try postcode("N2 8AZ", nil, nil),
            try postcode("N2 9PS", 51.61, -0.19, la: "E09000010", pfa: nil),
            try postcode("N2 9PT", 51.62, -0.20, la: "E09000010"),
            try postcode("ZE1 0AA", 53.0, -1.0, la: "E06000001", pfa: "E23000013", terminated: true),
            try postcode("ZE1 0AB", 53.2, -1.2, la: "E06000001", pfa: "E23000013", terminated: true),
        ]
    }

    @Test(arguments: CatalogStore.available) func postcodesRoundTripWithTheirPointsAreasAndStatus(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
        let records = try barnet()
        try await catalog.importGeography(file: "barnet.csv", postcodes: records)
        for record in records {
            #expect(try await catalog.postcode(record.postcode) == record)
        }
        let terminated = try #require(try await catalog.postcode(parse("n28af")))
        #expect(terminated.isTerminated, "terminated postcodes are still found, but marked")
        #expect(try await catalog.postcode(parse("N2 8ZZ")) == nil)
    }

    @Test(arguments: CatalogStore.available) func aDistrictIsTheMeanOfItsLivePointsWithItsAreasMostPostcodesFirst(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
        try await catalog.importGeography(file: "barnet.csv", postcodes: try barnet())
        let district = try #require(try await catalog.postcodeDistrict("n2"))
        #expect(district.code == "N2")
        // Live postcodes with a point: 8AA, 8AB, 8AD, 9PS, 9PT (not the terminated 8AF, not the grid-less 8AZ).
        let centroid = try #require(district.centroid)
        #expect(abs(centroid.latitude - (51.58 + 51.59 + 51.60 + 51.61 + 51.62) / 5) < 1e-9)
        #expect(abs(centroid.longitude - (-0.16 - 0.17 - 0.18 - 0.19 - 0.20) / 5) < 1e-9)
        // E23000001: 8AA, 8AB, 8AZ, 9PT; E23000034: 8AD; 9PS has none; the terminated 8AF's E23000099 is left out.
        #expect(district.forceAreas == [AreaCode("E23000001"), AreaCode("E23000034")])
        // E09000003: 8AA, 8AB, 8AZ; E09000010: 9PS, 9PT; E09000001: 8AD.
        #expect(district.localAuthorities == [AreaCode("E09000003"), AreaCode("E09000010"), AreaCode("E09000001")])
    }

    @Test(arguments: CatalogStore.available) func aSectorIsDerivedTheSameWay(store: CatalogStore) async throws {
        let catalog = try await store.make()
        try await catalog.importGeography(file: "barnet.csv", postcodes: try barnet())
        let sector = try #require(try await catalog.postcodeSector("n2  8"))
        #expect(sector.code == "N2 8")
        let centroid = try #require(sector.centroid)
        #expect(abs(centroid.latitude - (51.58 + 51.59 + 51.60) / 3) < 1e-9)
        #expect(abs(centroid.longitude - (-0.16 - 0.17 - 0.18) / 3) < 1e-9)
        #expect(sector.forceAreas == [AreaCode("E23000001"), AreaCode("E23000034")])
        #expect(sector.localAuthorities == [AreaCode("E09000003"), AreaCode("E09000001")])

        let other = try #require(try await catalog.postcodeSector("N2 9"))
        #expect(other.forceAreas == [AreaCode("E23000001")], "a postcode without a force area adds none")
        #expect(other.localAuthorities == [AreaCode("E09000010")])
        #expect(try await catalog.postcodeSector("N2 7") == nil)
    }

    @Test(arguments: CatalogStore.available) func aDistrictOfOnlyTerminatedPostcodesIsDerivedFromThem(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
        try await catalog.importGeography(file: "barnet.csv", postcodes: try barnet())
        let district = try #require(try await catalog.postcodeDistrict("ZE1"))
        let centroid = try #require(district.centroid)
        #expect(abs(centroid.latitude - 53.1) < 1e-9)
        #expect(district.forceAreas == [AreaCode("E23000013")])
    }

    @Test(arguments: CatalogStore.available) func aGroupWithoutPointsHasNoCentroid(store: CatalogStore) async throws {
        let catalog = try await store.make()
        try await catalog.importGeography(file: "x.csv", postcodes: [try postcode("AB1 0AA", la: nil, pfa: nil)])
        let district = try #require(try await catalog.postcodeDistrict("AB1"))
        #expect(district.centroid == nil)
        #expect(district.forceAreas.isEmpty && district.localAuthorities.isEmpty)
    }

    @Test(arguments: CatalogStore.available) func theSummaryCountsWhatWasImported(store: CatalogStore) async throws {
        let catalog = try await store.make()
        #expect(try await catalog.geographySummary() == nil)
        let importedAt = Date(timeIntervalSince1970: 1_795_000_000)
        let returned = try await catalog.importGeography(
            file: "barnet.csv",
            importedAt: importedAt,
            postcodes: barnet()
        )
        let summary = try #require(try await catalog.geographySummary())
        #expect(summary == returned)
        #expect(summary.file == "barnet.csv")
        #expect(summary.importedAt == importedAt)
        #expect(summary.postcodes == 9)
        #expect(summary.terminated == 3)
        #expect(summary.located == 8)
        #expect(summary.districts == 2)
        #expect(summary.sectors == 3)
    }

    @Test(arguments: CatalogStore.available) func reimportingReplacesThePreviousGeographyWholly(
        store: CatalogStore
    ) async throws {
        let catalog = try await store.make()
        try await catalog.importGeography(file: "barnet.csv", postcodes: try barnet())
        let leeds = [
            try postcode("LS1 4AP", 53.80, -1.55, la: "E08000035", pfa: "E23000010"),
            try postcode("N2 8AA", 51.50, -0.10, la: "E09000003", pfa: "E23000001", terminated: true),
        ]
        let summary = try await catalog.importGeography(file: "leeds.csv", postcodes: leeds)
        #expect(summary.postcodes == 2)
        #expect(summary.districts == 2)
        #expect(try await catalog.postcode(parse("N2 8AB")) == nil)
        #expect(try await catalog.postcode(parse("N2 8AA")) == leeds[1])
        #expect(try await catalog.postcodeDistrict("ZE1") == nil)
        #expect(try await catalog.postcodeSector("N2 9") == nil)
        #expect(try await catalog.postcodeDistrict("N2")?.centroid == GeoPoint(latitude: 51.50, longitude: -0.10))
        #expect(try await catalog.postcodeDistrict("LS1")?.forceAreas == [AreaCode("E23000010")])
        #expect(try await catalog.geographySummary()?.file == "leeds.csv")
    }

    @Test(arguments: CatalogStore.available)
    func aProducerThatFailsLeavesThePreviousGeography(store: CatalogStore) async throws {
        struct Broken: Error, CustomStringConvertible {
            var description: String { "the file broke off" }
        }
        let catalog = try await store.make()
        try await catalog.importGeography(file: "barnet.csv", postcodes: try barnet())
        let replacement = [try postcode("LS1 4AP", 53.80, -1.55)]
        let error = try await #require(throws: CatalogError.self) {
            _ = try await catalog.importGeography(file: "broken.csv") { store in
                try store(replacement)
                throw Broken()
            }
        }
        #expect(error.code == .aborted)
        #expect(error.message.contains("the file broke off"))
        #expect(try await catalog.postcode(parse("N2 8AA")) != nil)
        #expect(try await catalog.postcode(parse("LS1 4AP")) == nil)
        #expect(try await catalog.geographySummary()?.file == "barnet.csv")
    }

    @Test(arguments: CatalogStore.available)
    func anONSPDFileStreamsThroughTheReaderIntoTheStore(store: CatalogStore) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ONSPD_FEB_2023_UK.csv").path
        try Data(onspdExtract.utf8).write(to: URL(fileURLWithPath: path))

        let catalog = try await store.make()
        let reader = PostcodeDirectoryReader(path: path, chunkSize: 100)
        let (summary, read) = try await catalog.importGeography(file: path) { store in
            try reader.read(batchSize: 2) { try store($0) }
        }
        #expect(read.layout == .onspd)
        #expect(read.records == 5)
        #expect(summary.postcodes == 5)
        #expect(summary.terminated == 1)

        let padded = try #require(try await catalog.postcode(parse("N2 8AA")))
        #expect(padded.point == GeoPoint(latitude: 51.587295, longitude: -0.164688))
        #expect(padded.forceArea == AreaCode("E23000001"))
        #expect(try await catalog.postcode(parse("N2 8AF"))?.isTerminated == true)
        #expect(try await catalog.postcode(parse("N2 8AZ"))?.point == nil)
        let pseudo = try #require(try await catalog.postcode(parse("N2 9PS")))
        #expect(pseudo.localAuthority == nil && pseudo.forceArea == nil)
        let cardiff = try #require(try await catalog.postcodeDistrict("CF10"))
        #expect(cardiff.forceAreas == [AreaCode("W15000003")])
        #expect(cardiff.localAuthorities == [AreaCode("W06000015")])
        let n2 = try #require(try await catalog.postcodeDistrict("N2"))
        #expect(n2.centroid == GeoPoint(latitude: (51.587295 + 51.592001) / 2, longitude: (-0.164688 - 0.168221) / 2))
    }
}
