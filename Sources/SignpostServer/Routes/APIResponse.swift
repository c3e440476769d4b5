import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How the API's answers are written, for every controller.
enum APIResponse {
    static func json(_ text: String) -> Response { json(Array(text.utf8)) }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    static func decode(_ text: String) -> String { URLText.decode(text) ?? text }

    /// The request's body, or 400 when the client goes before it ends (never a 500). A body that never ends is cut
    /// off by the server's idle timeout.
    static func collect(_ request: Request, upTo maximum: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maximum)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            throw Problem.badRequest("the request body ended before it was whole (\(error))")
        }
    }

    /// The field of an assessment that should be a whole number and is not (`"age": 34.7`), named: Foundation's
    /// decoder on Linux reports only "not valid JSON" for it.
    static func fractionalWholeNumber(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        for key in ["age"] {
            guard let number = object[key] as? NSNumber else { continue }
            let code = String(cString: number.objCType)
            if code == "d" || code == "f", number.doubleValue != number.doubleValue.rounded() {
                return "\(key): must be a whole number, not \(number)"
            }
        }
        return nil
    }

    /// A document with its `ETag`, or 304 Not Modified when the request's `If-None-Match` names that tag: a feed
    /// pull asks again only for what changed.
    static func json(_ bytes: [UInt8], tag: String? = nil, validating request: Request) -> Response {
        let tag = tag ?? entityTag(of: bytes)
        if let asked = request.headers[.ifNoneMatch],
            asked.split(separator: ",").contains(where: { URLText.trimmed($0) == tag || $0 == "*" })
        {
            return Response(status: .notModified, headers: [.eTag: tag])
        }
        var response = json(bytes)
        response.headers[.eTag] = tag
        return response
    }

    /// A strong entity tag for a document: FNV-1a of its bytes, and its length.
    static func entityTag(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return "\"\(String(hash, radix: 16))-\(String(bytes.count, radix: 16))\""
    }
}
