/// Whether a service is taking referrals.
public enum ServiceStatus: String, Hashable, Codable, Sendable, CaseIterable {
    /// Taking referrals now.
    case accepting
    /// Taking referrals onto a waiting list.
    case waitlist
    /// Not taking referrals for now (full, or between contracts).
    case paused
    /// No longer running.
    case closed
}
