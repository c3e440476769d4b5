public import SignpostCore
public import SignpostMatching

/// The matcher's findings in words, for the command line or the API: the only place their sentences are written.
/// Only the advice of a few whole-answer cautions differs between the two (the command line names its flags, the API
/// its fields).
public struct ReferralWording: Sendable {
    /// Who reads the words.
    public enum Audience: Sendable {
        case commandLine
        case api
    }

    public let vocabularies: Vocabularies
    public let audience: Audience

    public init(vocabularies: Vocabularies, audience: Audience) {
        self.vocabularies = vocabularies
        self.audience = audience
    }

    // MARK: One finding

    /// A finding as a sentence fragment in lower case ("meets domestic abuse (primary)").
    public func text(_ finding: Finding) -> String {
        switch finding {
        case .meets(let needs, let marksPrimary):
            let described = needs.map { need in
                label(need.type).lowercasedFirst + (need.isPrimary && marksPrimary ? " (primary)" : "")
            }
            return "meets \(Self.list(described))"
        case .meetsAsChildrensService:
            return "helps a child with any need"
        case .steered(let steering):
            switch steering {
            case .needType(let need, let forHighRisk):
                return "\(label(need).lowercasedFirst) service" + (forHighRisk ? ", as the risk is high" : "")
            case .childrensService:
                return "a service for children and young people, as the victim is under 18"
            }
        case .specialismsAsked(let specialisms):
            return "\(lower(specialisms)), as asked"
        case .forGroup(let specialism, let evidence):
            return "a service for \(groupName(specialism)): \(self.evidence(evidence))"
        case .covers(let area):
            return area == .national ? "national service" : "covers \(vocabularies.label(ofArea: area))"
        case .withinReach(let kilometres, let limit):
            return "\(Self.kilometres(kilometres)) away, within the \(Self.kilometres(limit)) the victim can travel"
        case .languageInHouse(let language):
            return language == .britishSignLanguage
                ? "British Sign Language in-house" : "\(label(language)) spoken in-house"
        case .languageThroughInterpreter(let language):
            return "\(label(language)) through an interpreter"
        case .wait(let days):
            return days == 0 ? "no wait" : "wait about \(Self.days(days))"
        case .capacity(let available, let maximum, let unit):
            return "\(available) of \(maximum) \(Self.unit(unit)) free"
        case .distance(let kilometres, let town):
            return "\(Self.kilometres(kilometres)) away" + (town.map { " (\($0))" } ?? "")
        case .channels(let channels):
            return "by \(lower(channels))"

        case .unmetNeeds(let needs):
            return "does not cover \(Self.list(needs.map { label($0).lowercasedFirst }))"
        case .groupNotRecorded(let specialism):
            return "a service for \(groupName(specialism)): not recorded in the assessment"
        case .outsideCoverage:
            return "does not cover the victim's area: suggested only because it is within the distance they can travel"
        case .longWait(let days):
            return "long wait: about \(Self.days(days))"
        case .nearCapacity(let percent):
            return "at \(percent)% of capacity"
        case .interpreterOnly(let language):
            return language == .britishSignLanguage
                ? "no BSL in-house: a BSL interpreter only" : "no \(label(language)) speakers: interpreter only"
        case .stale(let months, let verified):
            return "data last verified \(months) months ago (\(verified))"
        case .neverVerified:
            return "data never verified"
        case .reportedByService(let days):
            let when = days <= 0 ? "today" : days == 1 ? "yesterday" : "\(days) days ago"
            return "capacity, wait and status reported by the service itself \(when)"
        case .waitlist:
            return "taking referrals onto a waiting list"
        case .waitUnknown:
            return "no waiting time reported"
        case .accessibilityMissing(let features):
            return "does not list \(lower(features))"
        case .ageToCheck(let limit):
            return limit.victim == nil
                ? "\(ages(limit)) only (age not recorded)" : "check age: \(ages(limit)) only"
        case .genderNotRecorded(let genders):
            return "for \(people(genders)) only (not recorded in the assessment)"
        case .crimeTypeNotRecorded(let crimes):
            return "only for \(lower(crimes)) (not recorded in the assessment)"
        case .riskLevelNotRecorded(let levels):
            return "only for \(lower(levels)) risk (not recorded in the assessment)"

        case .notCovered(let coverage):
            let names = coverage.prefix(3).map { vocabularies.label(ofArea: $0) }
            return "does not cover the victim's area (covers \(Self.list(names))\(coverage.count > 3 ? "..." : ""))"
        case .paused:
            return "paused: not taking referrals"
        case .full(let maximum, let unit):
            return "full (0\(maximum.map { " of \($0)" } ?? "") \(Self.unit(unit)) free)"
        case .age(let limit):
            return "\(ages(limit)) only"
        case .gender(let allowed, let group):
            if let group { return "a service for \(groupName(group)) only" }
            return "for \(people(allowed)) only"
        case .crimeType(let crimes):
            return "only for \(lower(crimes))"
        case .riskLevel(let levels):
            return "only for \(lower(levels)) risk"
        case .referralRoute(let route, let accepted):
            return "does not take \(label(route).lowercasedFirst)s (\(lower(accepted)) only)"
        case .noLanguage(let language, let interpreting):
            return interpreting
                ? "no \(label(language)) speakers, and an interpreter is not acceptable"
                : "no \(label(language)) speakers and no interpreting"
        case .onlyOtherLanguages(let languages):
            return "works in \(labels(languages)) only"
        case .remoteOnly(let channels):
            return "\(lower(channels)) only; remote support is not acceptable"
        case .avoidedChannels(let channels):
            return "only by \(lower(channels)), which the victim cannot use"
        }
    }

    /// A caution about the whole answer, with the advice the reader can act on.
    public func text(_ caution: AnswerCaution) -> String {
        switch caution {
        case .ambiguousArea(let place, let forces):
            let names = Self.list(forces.map { vocabularies.label(ofArea: $0) }, conjunction: "or")
            let advice =
                audience == .commandLine
                ? "give the full postcode (--postcode), or the force area (--area)"
                : "give the full postcode, or the force area as `area`"
            return "\(place) may be in \(names); services of each were considered. To be precise, \(advice)"
        case .noLocation:
            return audience == .commandLine
                ? "no location given (--postcode or --area): only national services were considered"
                : "no postcode or area given: only national services were considered"
        case .emptyCatalog:
            return audience == .commandLine
                ? "the catalog holds no services: import lists with `signpost import FILE...` (see README)"
                : "the catalog holds no services yet"
        case .sampleCatalog:
            return "these suggestions come from the bundled, fictional sample catalog: the services do not exist; "
                + "do not refer anyone to them"
        }
    }

    /// One line to read out: the suggestion's first reasons, as a sentence.
    public func summary(_ suggestion: ReferralSuggestion) -> String {
        let text = suggestion.reasons.prefix(4).map(text).joined(separator: "; ")
        guard let first = text.first else { return "" }
        return first.uppercased() + text.dropFirst() + "."
    }

    /// How to refer: the contact details and the routes the service takes ("police referral only").
    public func howToRefer(_ suggestion: ReferralSuggestion) -> String {
        var ways: [String] = []
        if let phone = suggestion.contact.phone { ways.append(phone) }
        if let email = suggestion.contact.email { ways.append(email) }
        if let website = suggestion.contact.website { ways.append(website) }
        let taking = routes(suggestion.referralRoutes)
        return ways.isEmpty ? taking : ways.joined(separator: " · ") + " (\(taking))"
    }

    /// The referral routes a service takes: "police referral only", "takes police referrals and self-referrals".
    public func routes(_ routes: [ReferralRoute]) -> String {
        if routes == [.police] || routes.isEmpty { return "police referral only" }
        return "takes " + Self.list(routes.map { label($0).lowercasedFirst + "s" })
    }

    // MARK: Pieces

    func label<Kind>(_ code: VocabularyCode<Kind>) -> String {
        vocabularies[Kind.vocabulary].label(code: code.rawValue) ?? code.rawValue
    }

    func labels<Kind>(_ codes: [VocabularyCode<Kind>]) -> String { Self.list(codes.map { label($0) }) }

    /// The labels as a list in running text, each without its capital (acronyms keep theirs).
    func lower<Kind>(_ codes: [VocabularyCode<Kind>]) -> String { Self.list(codes.map { label($0).lowercasedFirst }) }

    /// A group's name in a sentence: "LGBT+", "women only", "Deaf people and BSL users".
    func groupName(_ specialism: Specialism) -> String {
        let name = label(specialism)
        // Deaf (the community) and Gypsy keep their capitals.
        return name.hasPrefix("Deaf") || name.hasPrefix("Gypsy") ? name : name.lowercasedFirst
    }

    func evidence(_ evidence: GroupEvidence) -> String {
        switch evidence {
        case .asked: return "as asked"
        case .gender(let gender): return "the victim is \(label(gender).lowercased())"
        case .age(let ages):
            return ages.lowerBound == ages.upperBound ? "the victim is \(ages.lowerBound)" : "the victim is \(ages)"
        case .language(let language): return "the victim uses \(label(language))"
        }
    }

    func ages(_ limit: AgeLimit) -> String {
        let rule =
            switch (limit.minimum, limit.maximum) {
            case (let low?, let high?): "ages \(low) to \(high)"
            case (let low?, nil): "ages \(low)+"
            case (nil, let high?): "ages up to \(high)"
            case (nil, nil): "any age"
            }
        return limit.isImplied ? "\(rule) (as its group's service)" : rule
    }

    func people(_ genders: [Gender]) -> String {
        Self.list(
            genders.map {
                switch $0.rawValue {
                case "female": "women"
                case "male": "men"
                default: "\(label($0).lowercased()) people"
                }
            }
        )
    }

    static func unit(_ unit: CapacityUnit) -> String { unit.rawValue.replacing("-", with: " ") }

    static func days(_ days: Int) -> String { days == 1 ? "1 day" : "\(days) days" }

    static func kilometres(_ value: Double) -> String {
        value < 10 ? "\((value * 10).rounded() / 10) km" : "\(Int(value.rounded())) km"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
        }
    }
}

extension String {
    /// The text with its first letter in lower case, unless the first word is an acronym (`ISVA`, `BSL`, `LGBT+`).
    var lowercasedFirst: String {
        var bytes = Array(utf8)
        guard let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return self }
        if bytes.count > 1, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[1]) { return self }
        bytes[0] = first + 32
        return String(decoding: bytes, as: UTF8.self)
    }
}
