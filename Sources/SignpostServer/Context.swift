public import Hummingbird
import Logging
public import NIOCore
public import SignpostCatalog
public import SignpostWorkflows

/// The request context: who is calling (from the API key) and from where.
public struct SignpostRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The caller's key, when a valid one was given.
    public var caller: APIKeyRecord?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 64 * 1024 }

    public var role: Role? { caller?.role }

    /// Whether the client connects from this machine.
    var isLoopback: Bool {
        guard let address = remoteAddress?.ipAddress else { return false }
        return address == "127.0.0.1" || address == "::1" || address.hasPrefix("127.")
            || address == "::ffff:127.0.0.1"
    }
}
