/// The fields of a service record, as both canonical formats name them.
public enum ServiceField: Int, CaseIterable, Sendable {
    case sourceRecordID
    case name
    case description
    case providerName
    case providerID
    case charityNumber
    case providerWebsite
    case status
    case needTypes
    case specialisms
    case minAge
    case maxAge
    case genders
    case crimeTypes
    case riskLevels
    case eligibilityNotes
    case languages
    case interpreting
    case bsl
    case accessibility
    case channels
    case referralRoutes
    case coverage
    case locationName
    case address
    case town
    case postcode
    case latitude
    case longitude
    case locationConfidential
    case capacityAvailable
    case capacityMaximum
    case capacityUnit
    case capacityUpdated
    case waitDays
    case waitAsOf
    case commissioner
    case contractEnd
    case phone
    case email
    case website
    case openingHours
    case lastVerified

    /// The Signpost CSV column name.
    public var column: String {
        switch self {
        case .sourceRecordID: "source_record_id"
        case .name: "name"
        case .description: "description"
        case .providerName: "provider_name"
        case .providerID: "provider_id"
        case .charityNumber: "charity_number"
        case .providerWebsite: "provider_website"
        case .status: "status"
        case .needTypes: "need_types"
        case .specialisms: "specialisms"
        case .minAge: "min_age"
        case .maxAge: "max_age"
        case .genders: "genders"
        case .crimeTypes: "crime_types"
        case .riskLevels: "risk_levels"
        case .eligibilityNotes: "eligibility_notes"
        case .languages: "languages"
        case .interpreting: "interpreting"
        case .bsl: "bsl"
        case .accessibility: "accessibility"
        case .channels: "channels"
        case .referralRoutes: "referral_routes"
        case .coverage: "coverage"
        case .locationName: "location_name"
        case .address: "address"
        case .town: "town"
        case .postcode: "postcode"
        case .latitude: "latitude"
        case .longitude: "longitude"
        case .locationConfidential: "location_confidential"
        case .capacityAvailable: "capacity_available"
        case .capacityMaximum: "capacity_maximum"
        case .capacityUnit: "capacity_unit"
        case .capacityUpdated: "capacity_updated"
        case .waitDays: "wait_days"
        case .waitAsOf: "wait_as_of"
        case .commissioner: "commissioner"
        case .contractEnd: "contract_end"
        case .phone: "phone"
        case .email: "email"
        case .website: "website"
        case .openingHours: "opening_hours"
        case .lastVerified: "last_verified"
        }
    }

    /// The path of the field inside a Signpost XML `service` element.
    public var xmlPath: String {
        switch self {
        case .sourceRecordID: "@id"
        case .name: "name"
        case .description: "description"
        case .providerName: "provider/@name"
        case .providerID: "provider/@id"
        case .charityNumber: "provider/@charityNumber"
        case .providerWebsite: "provider/@website"
        case .status: "@status"
        case .needTypes: "needs/need"
        case .specialisms: "specialisms/specialism"
        case .minAge: "eligibility/@minAge"
        case .maxAge: "eligibility/@maxAge"
        case .genders: "eligibility/gender"
        case .crimeTypes: "eligibility/crime"
        case .riskLevels: "eligibility/risk"
        case .eligibilityNotes: "eligibility/notes"
        case .languages: "languages/language"
        case .interpreting: "languages/@interpreting"
        case .bsl: "languages/@bsl"
        case .accessibility: "accessibility/feature"
        case .channels: "channels/channel"
        case .referralRoutes: "referralRoutes/route"
        case .coverage: "coverage/area"
        case .locationName: "location/name"
        case .address: "location/address"
        case .town: "location/town"
        case .postcode: "location/postcode"
        case .latitude: "location/latitude"
        case .longitude: "location/longitude"
        case .locationConfidential: "location/@confidential"
        case .capacityAvailable: "capacity/@available"
        case .capacityMaximum: "capacity/@maximum"
        case .capacityUnit: "capacity/@unit"
        case .capacityUpdated: "capacity/@updated"
        case .waitDays: "waitingTime/@days"
        case .waitAsOf: "waitingTime/@asOf"
        case .commissioner: "contract/@commissioner"
        case .contractEnd: "contract/@ends"
        case .phone: "contact/@phone"
        case .email: "contact/@email"
        case .website: "contact/@website"
        case .openingHours: "contact/@hours"
        case .lastVerified: "lastVerified"
        }
    }

    /// Whether the field holds a list (`;`-separated in CSV, repeated elements in XML).
    public var isList: Bool {
        switch self {
        case .needTypes, .specialisms, .genders, .crimeTypes, .riskLevels, .languages, .accessibility, .channels,
            .referralRoutes, .coverage:
            true
        default: false
        }
    }

    /// The fields of a location; a service may have several in XML and one in CSV.
    public var isLocationField: Bool {
        switch self {
        case .locationName, .address, .town, .postcode, .latitude, .longitude, .locationConfidential: true
        default: false
        }
    }
}
