import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignpostTestSupport
import Testing

/// The schemas, as `scripts/oruk-schemas.py` derives them from the HSDS 3.0 compiled schemas and the ORUK profile.
enum ORUKSchemas {
    static func validator(_ shape: String) throws -> JSONSchemaValidator {
        let url = try #require(Bundle.module.url(forResource: shape, withExtension: "json", subdirectory: "Schemas"))
        return try JSONSchemaValidator(data: try Data(contentsOf: url))
    }
}

@Suite("The schema validator checks what the schemas say")
struct JSONSchemaValidatorTests {
    let validator = try? JSONSchemaValidator(
        schema: [
            "type": "object",
            "required": ["id", "name"],
            "properties": [
                "id": ["type": "string", "format": "uuid"],
                "name": ["type": "string"],
                "age": ["type": "number", "minimum": 0],
                "status": ["type": "string", "enum": ["active", "inactive"]],
                "url": ["type": "string", "format": "uri"],
                "updated": ["type": "string", "format": "date-time"],
                "tags": ["type": "array", "items": ["type": "object", "required": ["id"]]],
            ],
        ]
    )

    @Test func aGoodDocumentPasses() throws {
        let validator = try #require(validator)
        let document = #"""
            {"id": "0b1d8a3e-6c1f-5a2b-9c3d-4e5f60718293", "name": "A", "age": 12.5, "status": "active",
             "url": "https://example.org/a", "updated": "2026-11-01T00:00:00Z", "tags": [{"id": "x"}], "extra": 1}
            """#
        #expect(validator.validate(json: Data(document.utf8)) == [])
    }

    @Test func eachKindOfMistakeIsFoundWithItsPath() throws {
        let validator = try #require(validator)
        let document = #"""
            {"id": "WY-1", "age": true, "status": "open", "url": "/openapi.json", "updated": "2026-11-01",
             "tags": [{"name": "no id"}]}
            """#
        let failures = validator.validate(json: Data(document.utf8)).map(\.description)
        #expect(failures.contains("$.name: is required and missing"))
        #expect(failures.contains("$.id: 'WY-1' is not a uuid"))
        #expect(failures.contains("$.age: is boolean, not number"))
        #expect(failures.contains { $0.hasPrefix("$.status: 'open' is not one of") })
        #expect(failures.contains("$.url: '/openapi.json' is not a uri"))
        #expect(failures.contains("$.updated: '2026-11-01' is not a date-time"))
        #expect(failures.contains("$.tags[0].id: is required and missing"))
        #expect(failures.count == 7)
    }

    @Test func aKeywordItDoesNotKnowIsRefused() {
        #expect(throws: JSONSchemaValidator.UnsupportedKeyword.self) {
            try JSONSchemaValidator(schema: ["type": "object", "oneOf": [["type": "string"]]])
        }
    }

    @Test func theDerivedSchemasUseOnlyWhatItChecks() throws {
        for shape in ["service", "service_list", "taxonomy", "taxonomy_term", "organization", "service_at_location"] {
            _ = try ORUKSchemas.validator(shape)
        }
    }
}
