/// Marks which vocabulary a ``VocabularyCode`` belongs to.
public protocol VocabularyKind: Sendable {
    /// The vocabulary the codes of this kind come from.
    static var vocabulary: VocabularyName { get }
}

/// The stable code of a term in one of Signpost's vocabularies, typed by the vocabulary it belongs to, so that a
/// specialism cannot be passed where a need type is expected. Encodes as its plain code string.
public struct VocabularyCode<Kind: VocabularyKind>: StringIdentifier {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

extension VocabularyCode: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

public enum NeedTypeKind: VocabularyKind { public static var vocabulary: VocabularyName { .needTypes } }
public enum SpecialismKind: VocabularyKind { public static var vocabulary: VocabularyName { .specialisms } }
public enum CrimeTypeKind: VocabularyKind { public static var vocabulary: VocabularyName { .crimeTypes } }
public enum RiskLevelKind: VocabularyKind { public static var vocabulary: VocabularyName { .riskLevels } }
public enum ChannelKind: VocabularyKind { public static var vocabulary: VocabularyName { .channels } }
public enum ReferralRouteKind: VocabularyKind { public static var vocabulary: VocabularyName { .referralRoutes } }
public enum AccessibilityKind: VocabularyKind { public static var vocabulary: VocabularyName { .accessibility } }
public enum GenderKind: VocabularyKind { public static var vocabulary: VocabularyName { .genders } }
public enum LanguageKind: VocabularyKind { public static var vocabulary: VocabularyName { .languages } }

/// A kind of support a victim may need (`domestic-abuse`, `isva`, `restorative-justice`).
public typealias NeedType = VocabularyCode<NeedTypeKind>
/// A group a service is for or run by (`lgbt-plus`, `by-and-for-black-minoritised`).
public typealias Specialism = VocabularyCode<SpecialismKind>
/// A crime type, for eligibility (`rape`, `burglary-residential`).
public typealias CrimeType = VocabularyCode<CrimeTypeKind>
/// A risk level (`standard`, `medium`, `high`).
public typealias RiskLevel = VocabularyCode<RiskLevelKind>
/// A way a service is delivered (`phone`, `face-to-face`).
public typealias Channel = VocabularyCode<ChannelKind>
/// A way a victim reaches a service (`police`, `self`).
public typealias ReferralRoute = VocabularyCode<ReferralRouteKind>
/// An accessibility feature (`step-free`, `hearing-loop`).
public typealias AccessibilityFeature = VocabularyCode<AccessibilityKind>
/// A gender, for eligibility (`female`, `male`, `non-binary`).
public typealias Gender = VocabularyCode<GenderKind>
/// A language: ISO 639-1 where one exists, else ISO 639-3 (`cy`, `pl`, `bfi` for British Sign Language).
public typealias LanguageCode = VocabularyCode<LanguageKind>

extension VocabularyCode where Kind == ReferralRouteKind {
    /// A referral by the police, the route assumed when a list says nothing.
    public static var police: ReferralRoute { ReferralRoute("police") }
}

extension VocabularyCode where Kind == LanguageKind {
    /// British Sign Language.
    public static var britishSignLanguage: LanguageCode { LanguageCode("bfi") }
}
