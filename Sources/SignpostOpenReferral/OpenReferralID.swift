import Crypto

/// The ids Open Referral documents carry: HSDS 3.0 wants every `id` a UUID. Signpost's ids are readable
/// (`SOURCE/RECORD`, `need-types:domestic-abuse`), so each is published as the version-5 UUID (RFC 9562: SHA-1 of a
/// namespace and a name) of its readable id, in a namespace of Signpost's own. The same readable id always gives the
/// same UUID, on every node and after every reload; the API accepts both.
public enum OpenReferralID {
    /// Signpost's namespace: `3c8fc906-3d98-502d-bad7-0e17253da960`, itself the version-5 UUID of
    /// `https://github.com/signpost/open-referral-ids` in RFC 9562's URL namespace.
    static let namespace: [UInt8] = [60, 143, 201, 6, 61, 152, 80, 45, 186, 215, 14, 23, 37, 61, 169, 96]

    /// The UUID (lower case, hyphenated) published for the readable id `name`.
    public static func uuid(_ name: String) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The UUID of an organisation: its provider id, kept apart from service ids.
    public static func organization(_ providerID: String) -> String { uuid("organization:" + providerID) }

    /// Whether `text` is written as a UUID (8-4-4-4-12 hexadecimal digits).
    public static func isUUID(_ text: some StringProtocol) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return false }
        for (index, byte) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isHex =
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
                guard isHex else { return false }
            }
        }
        return true
    }
}
