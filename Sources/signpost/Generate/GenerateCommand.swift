import ArgumentParser
import Foundation
import SignpostCore
import SignpostImport

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic national catalog as Signpost lists, for trying things out and benchmarks.",
        discussion: """
            Every force area gets a list of its own (pcc-<town>), and national helplines a list of theirs. The spread \
            is realistic: coverage by force area, local authority and postcode district; languages and specialisms \
            skewed towards the common ones; about 10% of services full, 5% paused, 2% closed and 15% not verified \
            for over a year. The same --seed always gives the same lists. Import them with \
            `signpost import DIR/*.csv` (or *.xml).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many services to generate.")
    var services = 50_000

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "The folder to write the lists to (created if needed).")
    var output: String

    @Option(help: "Write csv, xml or both.")
    var format: ListFormatChoice = .csv

    enum ListFormatChoice: String, CaseIterable, ExpressibleByArgument {
        case csv
        case xml
        case both
    }

    func validate() throws {
        if services < 1 { throw ValidationError("--services must be 1 or more") }
    }

    func run() async throws {
        let environment = try Environment(global)
        var generator = NationalCatalogGenerator(
            vocabularies: environment.vocabularies,
            seed: seed,
            today: Terminal.today
        )
        let all = generator.services(count: services)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        var bySource: [SourceName: [Service]] = [:]
        for service in all { bySource[service.provenance.source, default: []].append(service) }
        var written: [String] = []
        for (source, services) in bySource.sorted(by: { $0.key < $1.key }) {
            if format != .xml {
                let path = "\(output)/\(source.rawValue).csv"
                try SignpostListWriter.csv(services).write(toFile: path, atomically: true, encoding: .utf8)
                written.append(path)
            }
            if format != .csv {
                let path = "\(output)/\(source.rawValue).xml"
                let name = "\(source.rawValue) (synthetic)"
                try SignpostListWriter.xml(services, commissionerCode: source.rawValue, commissionerName: name)
                    .write(toFile: path, atomically: true, encoding: .utf8)
                written.append(path)
            }
        }
        print("Wrote \(all.count) synthetic services in \(written.count) lists to \(output).")
    }
}
