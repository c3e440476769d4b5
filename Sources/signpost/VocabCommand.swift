import ArgumentParser
import SignpostCore
import SignpostReports

struct VocabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "List a vocabulary: its codes, labels and the aliases imports accept.",
        discussion: "Vocabularies: \(VocabularyName.allCases.map(\.rawValue).joined(separator: ", ")). "
            + "Without a name, lists the vocabularies."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "The vocabulary to list.")
    var vocabulary: String?

    func validate() throws {
        if let vocabulary, VocabularyName(rawValue: vocabulary) == nil {
            throw ValidationError(
                "unknown vocabulary '\(vocabulary)'; choose one of "
                    + VocabularyName.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
    }

    func run() async throws {
        let environment = try Environment(global)
        guard let name = vocabulary.flatMap(VocabularyName.init(rawValue:)) else {
            let table = Table(
                columns: [.init("vocabulary"), .init("terms", alignment: .right), .init("file")],
                rows: VocabularyName.allCases.map {
                    [
                        $0.rawValue, String(environment.vocabularies[$0].terms.count),
                        "catalog/vocabularies/\($0.fileName)",
                    ]
                }
            )
            print(render(table), terminator: "")
            return
        }
        let vocabulary = environment.vocabularies[name]
        let extraColumns = Array(Set(vocabulary.terms.flatMap(\.attributes.keys))).sorted()
        if output.format == .json {
            print(try JSONOutput.encode(vocabulary.terms), terminator: "")
            return
        }
        let table = Table(
            columns: [.init("code"), .init("label")] + extraColumns.map { .init($0) } + [.init("aliases")],
            rows: vocabulary.terms.map { term in
                [term.code, term.label] + extraColumns.map { term.attributes[$0] ?? "" }
                    + [term.aliases.joined(separator: "; ")]
            }
        )
        print(render(table), terminator: "")
    }

    private func render(_ table: Table) -> String {
        switch output.format {
        case .csv: table.renderCSV()
        case .table, .json: table.renderText(maxCellWidth: 70)
        }
    }
}
