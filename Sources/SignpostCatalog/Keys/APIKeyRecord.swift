public import Foundation
public import SignpostCore

/// What a caller may do. Each role may do everything the ones before it may.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// A support service's own staff: report their services' capacity, waits and status
    /// (`PATCH /services/{id}/availability`) for the services their key is bound to, and nothing else.
    case provider
    /// Charities, victim hubs, other agencies: look services up and ask for referral suggestions.
    case partner
    /// Commissioners' offices: also the gap analysis.
    case commissioner
    /// Signpost's operators: also metrics, and confidential locations.
    case admin

    private var rank: Int {
        switch self {
        case .provider: 0
        case .partner: 1
        case .commissioner: 2
        case .admin: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// An API key as stored: never the key itself, only a salted SHA-256 of its secret.
public struct APIKeyRecord: Codable, Sendable, Hashable {
    /// The public part of the key (`sp_<id>_<secret>`), used to find the record.
    public var id: String
    public var name: String
    public var role: Role
    public var salt: String
    public var hash: String
    public var createdAt: Date
    public var revokedAt: Date?
    /// What a provider key may update: one provider's services, or a list of services. `nil` for other roles.
    public var scope: Scope?

    public var isActive: Bool { revokedAt == nil }

    /// The services a provider key is bound to.
    public enum Scope: Codable, Sendable, Hashable {
        case provider(ProviderID)
        case services([ServiceID])

        /// Whether `service` is within the scope.
        public func covers(_ service: Service) -> Bool {
            switch self {
            case .provider(let provider): service.provider.id == provider
            case .services(let ids): ids.contains(service.id)
            }
        }

        /// As stored and shown: `provider:ID` or `services:ID,ID`.
        public var text: String {
            switch self {
            case .provider(let provider): "provider:\(provider.rawValue)"
            case .services(let ids): "services:" + ids.map(\.rawValue).joined(separator: ",")
            }
        }

        public init?(text: String) {
            if text.hasPrefix("provider:"), text.count > 9 {
                self = .provider(ProviderID(String(text.dropFirst(9))))
            } else if text.hasPrefix("services:") {
                let ids = text.dropFirst(9).split(separator: ",").map { ServiceID(String($0)) }
                guard !ids.isEmpty else { return nil }
                self = .services(ids)
            } else {
                return nil
            }
        }
    }

    public init(
        id: String,
        name: String,
        role: Role,
        salt: String,
        hash: String,
        createdAt: Date,
        revokedAt: Date? = nil,
        scope: Scope? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.salt = salt
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.scope = scope
    }
}
