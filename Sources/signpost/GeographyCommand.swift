import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostReports
import SignpostWorkflows

struct GeographyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geography",
        abstract: "Import and look up the ONS postcode geography: postcodes, their points, local authorities and "
            + "force areas.",
        subcommands: [Import.self, Show.self]
    )

    enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
        case table
        case json
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the ONS National Statistics Postcode Lookup (NSPL) or ONS Postcode Directory (ONSPD).",
            discussion: """
                FILE is the CSV of either (the multi-CSV folder's single UK file, e.g. Data/ONSPD_FEB_2025_UK.csv). \
                The file is streamed; it replaces the catalog's previous postcode geography in one transaction, and \
                postcode districts and sectors are derived from it: centroids of their live postcodes, and their \
                force areas and local authorities, most postcodes first.

                Terminated postcodes are kept but marked; postcodes without a grid reference (latitude 99.999999) \
                or outside England and Wales are kept without a point; pseudo codes such as E99999999 and areas \
                outside England and Wales are stored as unknown.

                A file with no data rows is refused, and so is one with fewer postcodes than --min-share (half) of \
                those already stored, unless --replace-all says the smaller geography is meant: a header-only or \
                cut-off download must not wipe out the geography. Rows with fewer cells than the header are counted \
                and their first lines listed.

                Exit status: 0 imported; 2 the file could not be read, lacks a column, has no data rows or too few, \
                nothing changed; 4 the catalog could not be written, nothing changed.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The NSPL or ONSPD CSV file.", valueName: "file"))
        var file: String

        @Option(help: "Report format: table or json.")
        var format: ReportFormat = .table

        @Flag(help: "Replace the stored geography even when the file has far fewer postcodes than it.")
        var replaceAll = false

        @Option(
            name: .customLong("min-share"),
            help: "The smallest share of the stored postcodes a new file may have without --replace-all (0 to 1)."
        )
        var minimumShare = 0.5

        func validate() throws {
            if !(0...1).contains(minimumShare) { throw ValidationError("--min-share must be from 0 to 1") }
        }

        /// Why a file's postcodes may not replace the stored ones, or nil.
        static func refusal(
            read: PostcodeDirectorySummary,
            stored: Int,
            minimumShare: Double,
            replaceAll: Bool
        )
            -> String?
        {
            if read.records == 0 {
                return read.rows == 0
                    ? "the file has a header but no data rows"
                    : "none of its \(read.rows) rows has a postcode that parses"
            }
            if !replaceAll, stored > 0, Double(read.records) < minimumShare * Double(stored) {
                return
                    "the file has \(read.records) postcodes, fewer than \(Int(minimumShare * 100))% of the \(stored) "
                    + "stored: it looks cut off. Give --replace-all to replace them anyway"
            }
            return nil
        }

        func run() async throws {
            let environment = try Environment(global)
            let reader = PostcodeDirectoryReader(path: file)
            do {
                _ = try reader.columns()
            } catch {
                Terminal.note("error: \(error)\nNothing was imported and the catalog is unchanged.")
                throw ExitCode(2)
            }
            let catalog = try await environment.openForWriting()
            let stored = (try? await catalog.geographySummary())??.postcodes ?? 0
            let (minimumShare, replaceAll) = (self.minimumShare, self.replaceAll)
            let showProgress = Terminal.standardErrorIsTerminal && format == .table
            let name = (file as NSString).lastPathComponent
            let clock = ContinuousClock()
            let start = clock.now
            let imported: (summary: GeographySummary, result: PostcodeDirectorySummary)
            do {
                imported = try await catalog.importGeography(file: file) { store in
                    let cursor = try reader.open()
                    let progress = showProgress ? ProgressBar(total: cursor.fileSize, files: 1) : nil
                    while let batch = try cursor.next() {
                        try store(batch)
                        progress?.update(cursor.bytesRead, file: 1, name: name)
                    }
                    if let refusal = Self.refusal(
                        read: cursor.summary,
                        stored: stored,
                        minimumShare: minimumShare,
                        replaceAll: replaceAll
                    ) {
                        progress?.finish()
                        throw ImportFileError(file: file, message: refusal)
                    }
                    if let progress {
                        progress.finish()
                        Terminal.note("deriving postcode districts and sectors…")
                    }
                    return cursor.summary
                }
            } catch {
                Terminal.note("error: \(error)")
                throw ExitCode(error.code == .aborted ? 2 : 4)
            }
            let report = GeographyImportReport(
                read: imported.result,
                stored: imported.summary,
                seconds: (clock.now - start).seconds.rounded(to: 1),
                peakMemoryMb: PeakMemory.megabytes.rounded(to: 1)
            )
            switch format {
            case .table: print(report.renderText(), terminator: "")
            case .json: print(try JSONOutput.encode(report), terminator: "")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a postcode: its point, local authority, force area, and its district and sector."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The postcode, in any case and spacing (LS1 4AP, ls14ap).", valueName: "postcode"))
        var postcode: String

        @Option(help: "Output format: table or json.")
        var format: ReportFormat = .table

        func validate() throws {
            if Postcode(postcode) == nil {
                throw ValidationError("'\(postcode)' is not a UK postcode; write it like LS1 4AP")
            }
        }

        func run() async throws {
            guard let postcode = Postcode(postcode) else { return }
            let environment = try Environment(global)
            let catalog = try await environment.openForReading()
            guard let geography = try await catalog.geographySummary() else {
                throw CLIError(
                    "the catalog at \(environment.databasePath) has no postcode geography. Import the ONS NSPL or "
                        + "ONSPD with `signpost geography import FILE`"
                )
            }
            guard let record = try await catalog.postcode(postcode) else {
                throw CLIError(
                    "\(postcode) is not in the postcode geography (imported from \(geography.file) at "
                        + "\(geography.importedAt.formatted(.iso8601))). Check the postcode, or import a newer "
                        + "NSPL or ONSPD"
                )
            }
            let view = PostcodeView(
                record: record,
                district: try await catalog.postcodeDistrict(postcode.outward),
                sector: try await catalog.postcodeSector(postcode.sector),
                vocabularies: environment.vocabularies,
                geography: geography
            )
            switch format {
            case .table: print(view.renderText(), terminator: "")
            case .json: print(try JSONOutput.encode(view), terminator: "")
            }
        }
    }
}

/// The outcome of `signpost geography import`, for people (text) and programs (JSON).
struct GeographyImportReport: Encodable {
    var file: String
    var layout: String
    var rows: Int
    var live: Int
    var terminated: Int
    var gridless: Int
    var outsideEnglandAndWales: Int
    var unknownLocalAuthority: Int
    var unknownForceArea: Int
    var skipped: Int
    var skippedLines: [Int]
    var shortRows: Int
    var shortLines: [Int]
    /// Cells with a space before their opening quote (read as quoted), and the line of the first.
    var spaceBeforeQuote: Int
    var spaceBeforeQuoteLine: Int?
    var postcodesStored: Int
    var districts: Int
    var sectors: Int
    var seconds: Double
    var peakMemoryMb: Double

    init(read: PostcodeDirectorySummary, stored: GeographySummary, seconds: Double, peakMemoryMb: Double) {
        file = read.file
        layout = read.layout.rawValue
        rows = read.rows
        live = read.live
        terminated = read.terminated
        gridless = read.gridless
        outsideEnglandAndWales = read.outsideEnglandAndWales
        unknownLocalAuthority = read.unknownAuthority
        unknownForceArea = read.unknownForce
        skipped = read.skipped
        skippedLines = read.skippedLines
        shortRows = read.shortRows
        shortLines = read.shortLines
        spaceBeforeQuote = read.spaceBeforeQuote
        spaceBeforeQuoteLine = read.spaceBeforeQuoteLine
        postcodesStored = stored.postcodes
        districts = stored.districts
        sectors = stored.sectors
        self.seconds = seconds
        self.peakMemoryMb = peakMemoryMb
    }

    func renderText() -> String {
        var skippedNote = ""
        if !skippedLines.isEmpty {
            skippedNote = "postcode does not parse; lines " + skippedLines.map(String.init).joined(separator: ", ")
            if skipped > skippedLines.count { skippedNote += ", …" }
        }
        let table = Table(
            columns: [.init("measure"), .init("value", alignment: .right), .init("note")],
            rows: [
                ["rows", String(rows), "\(layout) layout"],
                ["live", String(live), ""],
                ["terminated", String(terminated), "kept, marked terminated"],
                ["grid-less", String(gridless), "no grid reference: stored without a point"],
                ["outside England and Wales", String(outsideEnglandAndWales), "stored without a point"],
                ["unknown local authority", String(unknownLocalAuthority), "pseudo code, empty or not E/W"],
                ["unknown force area", String(unknownForceArea), "pseudo code, empty or not E/W"],
                ["skipped", String(skipped), skippedNote],
                [
                    "short rows", String(shortRows),
                    shortLines.isEmpty
                        ? ""
                        : "fewer cells than the header; lines "
                            + shortLines.map(String.init).joined(separator: ", ")
                            + (shortRows > shortLines.count ? ", …" : ""),
                ],
                [
                    "space before a quote", String(spaceBeforeQuote),
                    spaceBeforeQuoteLine.map { "cells written , \"...\": read as quoted; first on line \($0)" } ?? "",
                ],
                ["postcodes stored", String(postcodesStored), ""],
                ["districts", String(districts), ""],
                ["sectors", String(sectors), ""],
                ["seconds", String(seconds), ""],
                ["peak memory (MB)", String(peakMemoryMb), ""],
            ]
        )
        return "Imported the postcode geography from \(file).\n\n" + table.renderText()
    }
}

/// A postcode with its district and sector, for `signpost geography show`.
struct PostcodeView: Encodable {
    struct Area: Encodable {
        var code: String
        var name: String
    }

    struct Group: Encodable {
        var code: String
        var latitude: Double?
        var longitude: Double?
        var forceAreas: [Area]
        var localAuthorities: [Area]
    }

    var postcode: String
    var terminated: Bool
    var latitude: Double?
    var longitude: Double?
    var localAuthority: Area?
    var forceArea: Area?
    var district: Group?
    var sector: Group?
    var geographyFile: String
    var geographyImportedAt: Date

    init(
        record: PostcodeRecord,
        district: PostcodeGroupRecord?,
        sector: PostcodeGroupRecord?,
        vocabularies: Vocabularies,
        geography: GeographySummary
    ) {
        func area(_ code: AreaCode) -> Area { Area(code: code.rawValue, name: vocabularies.label(ofArea: code)) }
        func group(_ record: PostcodeGroupRecord) -> Group {
            Group(
                code: record.code,
                latitude: record.centroid?.latitude,
                longitude: record.centroid?.longitude,
                forceAreas: record.forceAreas.map(area),
                localAuthorities: record.localAuthorities.map(area)
            )
        }
        postcode = record.postcode.description
        terminated = record.isTerminated
        latitude = record.point?.latitude
        longitude = record.point?.longitude
        localAuthority = record.localAuthority.map(area)
        forceArea = record.forceArea.map(area)
        self.district = district.map(group)
        self.sector = sector.map(group)
        geographyFile = geography.file
        geographyImportedAt = geography.importedAt
    }

    func renderText() -> String {
        func name(_ area: Area?) -> String {
            guard let area else { return "unknown" }
            return area.name == area.code ? area.code : "\(area.name) (\(area.code))"
        }
        func point(_ latitude: Double?, _ longitude: Double?) -> String {
            guard let latitude, let longitude else { return "none" }
            return String(format: "%.6f, %.6f", latitude, longitude)
        }
        var rows: [[String]] = [
            ["postcode", postcode],
            ["status", terminated ? "terminated (no longer in use)" : "live"],
            [
                "point",
                latitude == nil ? "none (no grid reference, or outside England and Wales)" : point(latitude, longitude),
            ],
            ["local authority", name(localAuthority)],
            ["force area", name(forceArea)],
        ]
        for (label, group) in [("district", district), ("sector", sector)] {
            guard let group else {
                rows.append([label, "none"])
                continue
            }
            rows.append(["\(label) \(group.code)", "centroid " + point(group.latitude, group.longitude)])
            rows.append(["", "force areas: " + list(group.forceAreas, name: name)])
            rows.append(["", "local authorities: " + list(group.localAuthorities, name: name)])
        }
        let table = Table(columns: [.init("field"), .init("value")], rows: rows)
        return table.renderText(maxCellWidth: 200)
            + "\nFrom \(geographyFile), imported \(geographyImportedAt.formatted(.iso8601)).\n"
    }

    private func list(_ areas: [Area], name: (Area?) -> String) -> String {
        areas.isEmpty ? "unknown" : areas.map { name($0) }.joined(separator: "; ")
    }
}
