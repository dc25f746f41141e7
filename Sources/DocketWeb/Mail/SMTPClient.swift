import Foundation
import NIOCore
import NIOPosix

/// A plain SMTP client for a relay on the organisation's network: EHLO, MAIL, RCPT, DATA, QUIT.
/// No authentication or TLS: the relay is expected to accept mail from this host, as local
/// relays (Postfix, an Exchange connector) usually do.
struct SMTPClient: Sendable {
    var host: String
    var port: Int
    var from: String
    var timeout: TimeAmount = .seconds(20)

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Refuses header injection: addresses and subjects never carry line breaks or angle brackets.
    static func clean(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "<" && $0 != ">" })
    }

    /// The message as sent. With an attachment (an iCalendar document), a `multipart/mixed` of
    /// the text and the calendar, base64-encoded, so that calendar programs offer to add it.
    static func message(
        from: String, to: String, subject: String, body: String, date: Date, attachment: (name: String, ics: String)? = nil
    ) -> String {
        var lines = ["From: \(clean(from))", "To: \(clean(to))", "Subject: \(clean(subject))", "Date: \(rfc2822(date))", "MIME-Version: 1.0"]
        let text = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let attachment {
            let boundary = "docket-\(UUID().uuidString.lowercased())"
            let name = clean(attachment.name).replacingOccurrences(of: "\"", with: "")
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"]
            lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", ""] + text
            lines += ["--\(boundary)", "Content-Type: text/calendar; charset=utf-8; method=PUBLISH; name=\"\(name)\""]
            lines += ["Content-Disposition: attachment; filename=\"\(name)\"", "Content-Transfer-Encoding: base64", ""]
            let encoded = Data(attachment.ics.utf8).base64EncodedString()
            lines += stride(from: 0, to: encoded.count, by: 76).map { i in
                let start = encoded.index(encoded.startIndex, offsetBy: i)
                return String(encoded[start..<(encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
            }
            lines += ["--\(boundary)--"]
        } else {
            lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", ""] + text
        }
        // Dot-stuffing: a line that starts with "." gets another, so it cannot end the message early.
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    static func rfc2822(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }

    func send(to: String, subject: String, body: String, date: Date, attachment: (name: String, ics: String)? = nil) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { ch in
                ch.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = Replies(inbound.makeAsyncIterator())
            func expect(_ codes: Set<Int>, after command: String?) async throws {
                if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                let (code, text) = try await replies.next()
                guard codes.contains(code) else {
                    throw Failure(
                        description: "the relay answered \(text) to \(command.map { $0.split(separator: ":").first.map(String.init) ?? $0 } ?? "the greeting")")
                }
            }
            try await expect([220], after: nil)
            try await expect([250], after: "EHLO docket")
            try await expect([250], after: "MAIL FROM:<\(Self.clean(from))>")
            try await expect([250, 251], after: "RCPT TO:<\(Self.clean(to))>")
            try await expect([354], after: "DATA")
            try await outbound.write(ByteBuffer(string: Self.message(from: from, to: to, subject: subject, body: body, date: date, attachment: attachment)))
            try await expect([250], after: nil)
            try? await expect([221], after: "QUIT")
        }
    }

    /// Reads SMTP replies, joining the lines of a multi-line reply (`250-…` then `250 …`).
    struct Replies {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

        mutating func line() async throws -> String {
            while true {
                if let range = pending.range(of: "\r\n") {
                    let line = String(pending[..<range.lowerBound])
                    pending = String(pending[range.upperBound...])
                    return line
                }
                guard let chunk = try await iterator.next() else { throw Failure(description: "the relay closed the connection") }
                pending += String(buffer: chunk)
            }
        }

        mutating func next() async throws -> (Int, String) {
            while true {
                let l = try await line()
                let chars = Array(l)
                if chars.count >= 4, chars[3] == "-" { continue }
                return (Int(String(l.prefix(3))) ?? 0, l)
            }
        }
    }
}
