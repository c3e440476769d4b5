/// What a value the validator finds unusable (not an email address, not a date, a postcode that is not one) does.
public enum InvalidValuePolicy: String, Sendable, Hashable {
    /// The row is rejected with the reason (the default).
    case reject
    /// The value is dropped, the service kept, and the dropped value reported as a warning.
    case drop
}
