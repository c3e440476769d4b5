import ArgumentParser
import Foundation
import SignpostCatalog
import SignpostCore
import SignpostImport
import SignpostTestSupport
import Testing

@testable import signpost

@Suite("signpost import --profile and signpost profiles")
struct ProfileImportTests {
    @Test func aBespokeListIsImportedThroughAProfileFileAndACatalogIsUnchangedWhenTheProfileIsWrong() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-profile-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let profile = """
            { "source": "north-yorks-pcc", "format": "csv", "csv": { "delimiter": ";" }, "dateFormat": "DD/MM/YYYY",
              "fields": { "source_record_id": "ID", "name": "Name", "provider_name": "Charity",
                          "need_types": { "column": "Needs", "split": "+", "map": { "DV": "domestic-abuse" } },
                          "coverage": { "constant": "North Yorkshire" }, "contract_end": "Ends" } }
            """
        try profile.write(toFile: "\(folder)/nypcc.json", atomically: true, encoding: .utf8)
        try "ID;Name;Charity;Needs;Ends\nN1;York outreach;Minster Aid;DV+stalking;31/03/2027\n"
            .write(toFile: "\(folder)/list.csv", atomically: true, encoding: .utf8)
        let database = "\(folder)/catalog.sqlite"
        try await ImportCommand.parse([
            "\(folder)/list.csv", "--profile", "\(folder)/nypcc.json", "--db", database, "--home", Fixtures.projectRoot,
            "--format", "json",
        ]).run()
        let services = try await SQLiteCatalog(path: database).allServices()
        #expect(services.map(\.id.rawValue) == ["north-yorks-pcc/N1"])
        #expect(services.first?.needTypes == ["domestic-abuse", "stalking"])
        #expect(services.first?.coverage.areas == [AreaCode("E23000009")])
        #expect(services.first?.commissioning.contractEnd == CalendarDate(year: 2027, month: 3, day: 31))

        // A profile whose map points at a code that does not exist is refused before anything is read.
        try profile.replacingOccurrences(of: "\"domestic-abuse\"", with: "\"domestic-abuses\"")
            .write(toFile: "\(folder)/broken.json", atomically: true, encoding: .utf8)
        let refused = await #expect(throws: CLIError.self) {
            try await ImportCommand.parse([
                "\(folder)/list.csv", "--profile", "\(folder)/broken.json", "--db", database, "--home",
                Fixtures.projectRoot, "--replace",
            ]).run()
        }
        #expect(refused?.description.contains("domestic-abuses") == true)
        #expect(refused?.exitCode == 64)
        #expect(try await SQLiteCatalog(path: database).allServices().count == 1)
    }

    @Test func anOpenReferralFolderImportsThroughAProfileThatExtendsHSDSWithADefaultAreaAndAFallbackNeed() async throws
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-extends-\(UUID())").path
        let tables = "\(folder)/tables"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = [
            "organizations.csv": "id,name\no1,Riverside Trust\n",
            "services.csv": "id,organization_id,name,status\ns1,o1,Advice line,active\ns2,o1,Drop-in,active\n",
            "taxonomy_terms.csv": "id,code,name\nt1,,Community Services\n",
            "attributes.csv": "id,link_id,taxonomy_term_id,link_type,link_entity\nx1,s1,t1,,service\n",
        ]
        for (name, text) in files { try text.write(toFile: "\(tables)/\(name)", atomically: true, encoding: .utf8) }
        let profile = """
            { "extends": "hsds", "source": "riverside",
              "fields": { "coverage": { "default": "national" },
                          "need_types": { "fallback": "emotional-practical-support" } } }
            """
        try profile.write(toFile: "\(folder)/riverside.json", atomically: true, encoding: .utf8)
        let database = "\(folder)/catalog.sqlite"
        try await ImportCommand.parse([
            tables, "--profile", "\(folder)/riverside.json", "--db", database, "--home", Fixtures.projectRoot,
            "--format", "json",
        ]).run()
        let services = try await SQLiteCatalog(path: database).allServices()
        // s1's only term is unknown, so the fallback need; s2 has no term at all, so it is rejected, as before.
        #expect(services.map(\.id.rawValue) == ["riverside/s1"])
        #expect(services.first?.needTypes == ["emotional-practical-support"])
        #expect(services.first?.coverage.areas == [AreaCode("national")])

        let description = ProfileDescription(
            try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile("\(folder)/riverside.json")
        ).text
        #expect(description.contains("fallback 'emotional-practical-support'"))
        #expect(description.contains("default 'national'"))
    }

    @Test func aFolderOfJoinedTablesImportsThroughTheOhanaExampleProfile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-ohana-\(UUID())").path
        let export = "\(folder)/export"
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = [
            "services.csv": "id,location_id,name,keywords,status,email,service_areas\n"
                + "1,10,Advocacy,\"Domestic violence, Advocacy\",active,use linkedin,Leeds\n"
                + "2,10,Food bank,Food,active,,\n",
            "locations.csv": "id,organization_id,name,latitude,longitude\n10,100,Leeds office,53.8,-1.55\n",
            "addresses.csv": "id,location_id,address_1,city,postal_code\na1,10,1 Park Row,Leeds,LS1 4AP\n",
            "organizations.csv": "id,name,website\n100,Aire Women's Aid,https://aire.example\n",
            "phones.csv": "id,service_id,number\np1,1,0113 496 0000\np2,1,0800 000 111\n",
        ]
        for (name, text) in files { try text.write(toFile: "\(export)/\(name)", atomically: true, encoding: .utf8) }
        let database = "\(folder)/catalog.sqlite"
        try await ImportCommand.parse([
            export, "--profile", "example-ohana-export", "--source", "ohana", "--db", database, "--home",
            Fixtures.projectRoot, "--format", "json",
        ]).run()
        let services = try await SQLiteCatalog(path: database).allServices().sorted { $0.id.rawValue < $1.id.rawValue }
        #expect(services.map(\.id.rawValue) == ["ohana/1", "ohana/2"])
        let advocacy = try #require(services.first)
        #expect(advocacy.provider.name == "Aire Women's Aid")
        #expect(advocacy.needTypes == ["domestic-abuse"])
        #expect(advocacy.contact.phone == "0113 496 0000; 0800 000 111")
        #expect(advocacy.contact.email == nil)
        #expect(advocacy.locations.first?.postcode == Postcode("LS1 4AP"))
        #expect(advocacy.coverage.areas == [AreaCode("E08000035")])
        let description = ProfileDescription(
            try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile("example-ohana-export")
        ).text
        #expect(description.contains("joins organizations: organizations.csv, its id = locations.organization_id"))
        // Keywords that all map to nothing take the fallback; no area takes the default.
        #expect(services.last?.needTypes == ["emotional-practical-support"])
        #expect(services.last?.coverage.areas == [AreaCode("national")])
    }

    @Test func theShippedProfilesDescribeThemselves() throws {
        let description = ProfileDescription(
            try ProfileLibrary(folder: "\(Fixtures.projectRoot)/importers").profile("example-commissioner-spreadsheet")
        ).text
        #expect(description.contains("header on line 3"))
        #expect(description.contains("encoding windows-1252"))
        #expect(description.contains("need_types"))
        #expect(description.contains("column 'Client group'"))
        #expect(description.contains("split on ';' '/' ','"))
        #expect(description.contains("always 'E23000010'"))
    }
}
