import SignpostCore

/// How closely an area names a place: the more specific, the higher (0 for an area of no known kind).
enum Place {
    static let national = 1
    static let country = 2
    static let forceArea = 3
    static let postcodeArea = 4
    static let localAuthority = 5
    static let postcodeDistrict = 6

    static func specificity(_ area: AreaCode) -> Int {
        switch area.kind {
        case .postcodeDistrict: postcodeDistrict
        case .localAuthority: localAuthority
        case .postcodeArea: postcodeArea
        case .policeForceArea: forceArea
        case .country: country
        case .national: national
        case .unknown: 0
        }
    }
}
