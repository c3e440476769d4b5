import ArgumentParser
import Foundation
import SignpostCore
import SignpostImport
import SignpostReports
import SignpostWorkflows

/// `signpost profiles`: the import profiles in importers/, shown and checked.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List, show and check import profiles (how a source's own CSV or XML list maps to Signpost).",
        discussion: """
            A profile is a JSON file in importers/ (or anywhere, named by its path). Import a list through one with \
            `signpost import FILE --profile NAME`. Docs/Profiles.md explains how to write one.
            """,
        subcommands: [List.self, Show.self, Check.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the profiles in importers/.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Output format: table or json.")
        var format: ListFormatOption = .table

        enum ListFormatOption: String, CaseIterable, ExpressibleByArgument {
            case table, json
        }

        struct Row: Encodable {
            var name: String
            var format: String?
            var title: String?
            var source: String?
            var problems: [String]
        }

        func run() async throws {
            let environment = try Environment(global)
            let library = ProfileLibrary(folder: environment.importersFolder)
            let rows = library.entries().map { entry in
                switch entry.profile {
                case .success(let profile):
                    Row(
                        name: entry.name,
                        format: profile.formatName,
                        title: profile.title,
                        source: profile.source?.rawValue,
                        problems: profile.problems(with: environment.vocabularies).map(\.description)
                    )
                case .failure(let error):
                    Row(name: entry.name, format: nil, title: nil, source: nil, problems: [error.description])
                }
            }
            switch format {
            case .json:
                print(try JSONOutput.encode(rows), terminator: "")
            case .table:
                if rows.isEmpty {
                    print("No profiles in \(library.folder).")
                    return
                }
                let table = Table(
                    columns: [.init("profile"), .init("format"), .init("source"), .init("state"), .init("title")],
                    rows: rows.map {
                        [
                            $0.name, $0.format ?? "?", $0.source ?? "",
                            $0.problems.isEmpty ? "ok" : "\($0.problems.count) problem(s)",
                            $0.title ?? "",
                        ]
                    }
                )
                print(table.renderText(), terminator: "")
                print("\n\(rows.count) profiles in \(library.folder). `signpost profiles show NAME` explains one.")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how a profile reads its list: layout, each field's source and rules, and its value maps."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A profile's name, or the path of a profile file.", valueName: "name-or-path"))
        var profile: String

        func run() async throws {
            let environment = try Environment(global)
            let loaded: ImportProfile
            do {
                loaded = try ProfileLibrary(folder: environment.importersFolder).profile(profile)
            } catch {
                throw CLIError("\(error)")
            }
            print(ProfileDescription(loaded).text, terminator: "")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check profiles for mistakes, and optionally read a sample list through one without importing.",
            discussion: """
                Without a name, every profile in importers/ is checked. With --sample, the list is read through the \
                profile and checked as an import would be (nothing is stored): counts, rejected rows and every value \
                that maps to nothing. Exit status 1 when a profile has mistakes or the sample has rejected rows.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Profile names or paths (default: every profile).", valueName: "name-or-path"))
        var profiles: [String] = []

        @Option(help: "A list to read through the (single) profile, as a trial.")
        var sample: String?

        func validate() throws {
            if sample != nil, profiles.count != 1 { throw ValidationError("--sample needs exactly one profile") }
        }

        func run() async throws {
            let environment = try Environment(global)
            let library = ProfileLibrary(folder: environment.importersFolder)
            let names = profiles.isEmpty ? library.entries().map(\.name) : profiles
            var failed = false
            for name in names {
                do {
                    let profile = try library.profile(name)
                    let problems = profile.problems(with: environment.vocabularies)
                    if problems.isEmpty {
                        print(
                            "\(profile.name): ok (\(profile.formatName), \(profile.fields.count) fields, "
                                + "\(profile.maps.count) value maps)"
                        )
                    } else {
                        failed = true
                        print("\(profile.name): \(problems.count) problem(s)")
                        for problem in problems { print("  \(problem)") }
                    }
                    if let sample, problems.isEmpty {
                        failed = try await trial(profile, sample: sample, environment: environment) || failed
                    }
                } catch let error as ProfileError {
                    failed = true
                    print("\(name): \(error)")
                }
            }
            if failed { throw ExitCode(1) }
        }

        /// Reads the sample through the profile; true when rows were rejected or the file could not be read.
        private func trial(_ profile: ImportProfile, sample: String, environment: Environment) async throws -> Bool {
            var job = ImportJob(vocabularies: environment.vocabularies, files: [sample])
            job.profile = profile
            var failed = false
            do throws(ImportFileError) {
                let list = try job.read(sample)
                print(
                    "\(sample): \(list.recordCount) records, \(list.acceptedCount) would be imported, "
                        + "\(list.rejectedCount) rejected"
                )
                for issue in list.issues { print("  \(issue.severity.rawValue): \(issue)") }
                failed = list.rejectedCount > 0
            } catch {
                for issue in error.issues { print("  error: \(issue)") }
                failed = true
            }
            return failed
        }
    }
}

/// A profile explained in words, for `signpost profiles show`.
struct ProfileDescription {
    let text: String

    init(_ profile: ImportProfile) {
        var out = "\(profile.name): \(profile.title)\n"
        if let description = profile.description { out += "\n" + Self.wrapped(description, width: 100) }
        out += "\n"
        if let path = profile.path { out += "File:        \(path)\n" }
        switch profile.layout {
        case .csv(let layout):
            out += "Format:      CSV"
            out += layout.headerRow == 0 ? ", no header row" : ", header on line \(layout.headerRow)"
            out += ", delimiter " + (layout.delimiter.map { "'\(Character(Unicode.Scalar($0)))'" } ?? "sniffed")
            out += ", encoding " + (layout.encoding?.rawValue ?? "detected") + "\n"
            for rule in layout.skip { out += "             leaves out rows where \(rule)\n" }
            for rule in layout.keep { out += "             reads only rows where \(rule)\n" }
            if let joins = layout.joins {
                out += "             main table \(joins.main): \(joins.mainFile)\n"
                for (name, join) in joins.related.sorted(by: { $0.key < $1.key }) {
                    out += "             joins \(name): \(join.file), its \(join.key) = \(join.from)\n"
                }
            }
        case .xml(let layout):
            out += "Format:      XML, one service per <\(layout.record)>"
            if let group = layout.group { out += ", alone or inside each <\(group)>" }
            if let location = layout.location { out += "; locations at \(location)" }
            out += "\n"
            for (element, key) in layout.lookup.sorted(by: { $0.key < $1.key }) {
                out += "             keeps each <\(element)> by its \(key.isAttribute ? "@" : "")\(key.name)\n"
            }
            for rule in layout.skip { out += "             leaves out records where \(rule)\n" }
        case .openReferralTables:
            out += "Format:      a folder of Open Referral (HSDS) CSV tables\n"
        case .json(let layout):
            out += "Format:      JSON, records " + (layout.records.map { "at \($0)" } ?? "the document's list")
            if let location = layout.location { out += "; locations at \(location)" }
            out += "\n"
        case .xlsx(let layout):
            out += "Format:      Excel workbook, sheet " + (layout.sheet.map { "'\($0)'" } ?? "the first")
            out += layout.headerRow == 0 ? ", no header row\n" : ", header on row \(layout.headerRow)\n"
        }
        if let source = profile.source { out += "Source:      \(source)\n" }
        out += "Dates:       \(profile.dateFormat)\n"
        out += "Yes / no:    \(profile.yesWords.joined(separator: " ")) / \(profile.noWords.joined(separator: " "))\n"
        if !profile.fields.isEmpty {
            var table = Table(
                columns: [.init("field"), .init("read from"), .init("rules")],
                rows: profile.fields.map { rule in
                    let sources = Self.sources(of: rule)
                    let first = sources.first ?? ""
                    return [
                        rule.field.column, sources.count > 1 ? "\(first) (+\(sources.count - 1) more)" : first,
                        Self.rules(of: rule),
                    ]
                }
            )
            // Alternatives and further sources under their field, each in full.
            table.details = profile.fields.map { rule in
                let sources = Self.sources(of: rule)
                guard sources.count > 1 else { return [] }
                return [(rule.field.isList ? "all of: " : "first of: ") + sources.joined(separator: ", ")]
            }
            out += "\n" + table.renderText(maxCellWidth: 60)
        }
        for name in profile.maps.keys.sorted() {
            out += "\nValue map \(name): \(profile.maps[name]?.count ?? 0) entries\n"
        }
        text = out
    }

    /// `text` broken into lines of at most `width` characters, at spaces.
    static func wrapped(_ text: String, width: Int) -> String {
        var out = ""
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                out += line + "\n"
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return out + line + "\n"
    }

    static func sources(of rule: FieldRule) -> [String] {
        var parts: [String] = []
        for source in rule.sources {
            switch source {
            case .column(let name): parts.append("column '\(name)'")
            case .position(let number): parts.append("column \(number)")
            case .path(let path): parts.append(path.description)
            case .constant(let value): parts.append("always '\(value)'")
            }
        }
        return parts
    }

    static func rules(of rule: FieldRule) -> String {
        var parts: [String] = []
        if !rule.separators.isEmpty {
            parts.append("split on " + rule.separators.map { "'\($0)'" }.joined(separator: " "))
        }
        if let map = rule.map { parts.append("map \(map.name)") }
        if !rule.defaultValues.isEmpty { parts.append("default '\(rule.defaultValues.joined(separator: "; "))'") }
        if !rule.fallbackValues.isEmpty {
            parts.append("fallback '\(rule.fallbackValues.joined(separator: "; "))'")
        }
        if !rule.conditions.isEmpty {
            parts.append("only where " + rule.conditions.map(\.description).joined(separator: " and "))
        }
        if let capture = rule.capture { parts.append("captures \(capture)") }
        if rule.onInvalid == .drop { parts.append("drops unusable values") }
        if let pattern = rule.dateFormat { parts.append("dates \(pattern)") }
        if rule.firstOnly { parts.append("first value only") }
        return parts.joined(separator: ", ")
    }
}
