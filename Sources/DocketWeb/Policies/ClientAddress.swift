import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An address or a block of addresses (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`).
struct IPRange: Sendable, Equatable, CustomStringConvertible {
    var bytes: [UInt8]
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let bytes = IPRange.parse(first) else { return nil }
        let bits = bytes.count * 8
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...bits).contains(p) else { return nil }
            prefix = p
        } else {
            prefix = bits
        }
        self.bytes = bytes
    }

    /// The 4 or 16 bytes of an address; an IPv4 address written as IPv6 (`::ffff:192.0.2.7`) is IPv4.
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let b = withUnsafeBytes(of: &v6) { Array($0) }
        if b[0..<10].allSatisfy({ $0 == 0 }), b[10] == 0xff, b[11] == 0xff { return Array(b[12..<16]) }
        return b
    }

    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        var left = prefix
        for i in bytes.indices where left > 0 {
            let take = min(8, left)
            let mask: UInt8 = take == 8 ? 0xff : ~(0xff >> UInt8(take))
            if address[i] & mask != bytes[i] & mask { return false }
            left -= take
        }
        return true
    }

    var description: String { "\(bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : "IPv6")/\(prefix)" }
}

extension Request {
    /// The address of the person on the other end. Behind a proxy listed in
    /// `DOCKET_TRUSTED_PROXIES`, that is the nearest address in `X-Forwarded-For` that is not a
    /// listed proxy; from anywhere else the header is ignored, since anyone can send it.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = docket.config.trustedProxies
        func isTrusted(_ a: String) -> Bool {
            guard let b = IPRange.parse(a) else { return false }
            return trusted.contains { $0.contains(b) }
        }
        guard !trusted.isEmpty, isTrusted(peer) else { return peer }
        let hops = headers[canonicalForm: "X-Forwarded-For"].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var nearest = peer
        for hop in hops.reversed() {
            guard IPRange.parse(hop) != nil else { return nearest }  // a garbled hop: trust only what a proxy of ours said
            if !isTrusted(hop) { return hop }
            nearest = hop
        }
        return nearest
    }
}
