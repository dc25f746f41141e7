import Foundation
import NIOPosix
import Synchronization
import Vapor

/// bcrypt is slow on purpose: about a quarter of a second of one core per check. It runs here,
/// on threads of its own, never on the event loop, so that a burst of sign-ins cannot stall every
/// other page. At most `capacity` checks run or wait at once; one more is told, plainly, to try
/// again in a few seconds (429 with Retry-After: the server is well, it is the sign-ins that are too many at once) instead of queueing without bound.
final class PasswordGate: Sendable {
    private let pool: NIOThreadPool
    private let capacity: Int
    private let inUse = Mutex(0)
    static let cost = 12

    init(threads: Int, queue: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        capacity = threads + queue
    }

    func shutdown() async { try? await pool.shutdownGracefully() }

    private func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = inUse.withLock { n in
            guard n < capacity else { return false }
            n += 1
            return true
        }
        guard admitted else {
            throw Abort(
                .tooManyRequests, headers: ["Retry-After": "5"],
                reason: "Docket is busy signing other people in. Wait a few seconds and try again.")
        }
        defer { inUse.withLock { $0 -= 1 } }
        return try await pool.runIfActive(body)
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await run { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    func hash(_ password: String) async throws -> String {
        try await run { try Bcrypt.hash(password, cost: PasswordGate.cost) }
    }

    /// A hash of nothing anyone knows, checked when the e-mail address has no account, so that
    /// an unknown address takes as long to refuse as a wrong password: the time a sign-in takes
    /// must not say who has an account.
    static let dummyHash: String =
        (try? Bcrypt.hash(TokenHash.newToken(), cost: cost))
        ?? "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5QuX2Y3jMB7lF9TfYx/1Sx5ZmQvfNIa"
}

/// What a new password must be.
struct PasswordRules: Sendable {
    static let minimumLength = 12
    /// bcrypt reads only the first 72 bytes; a longer password would be cut without a word.
    static let maximumBytes = 72
    let common: Set<String>

    /// The shipped list of the 10,000 most common passwords (Resources/Passwords/SOURCE.md says
    /// where it comes from). Docket does not start without it.
    static func load(resources: String) throws -> PasswordRules {
        let path = resources + "Passwords/common-passwords.txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DocketConfig.Invalid(problems: ["the list of common passwords is missing: \(path)"])
        }
        return PasswordRules(common: Set(text.split(whereSeparator: \.isNewline).map { $0.lowercased() }))
    }

    /// Why a password will not do, in a sentence; nil when it will.
    func problem(with password: String, email: String?) -> String? {
        if password.count < Self.minimumLength {
            return "The new password must be at least \(Self.minimumLength) characters long."
        }
        let bytes = password.utf8.count
        if bytes > Self.maximumBytes {
            return
                "The new password is \(bytes) bytes long, and Docket can use only the first \(Self.maximumBytes): the rest would be ignored without telling you. Choose one of at most \(Self.maximumBytes) bytes (\(Self.maximumBytes) plain letters, fewer with accents or emoji)."
        }
        if common.contains(password.lowercased()) {
            return "That password is on the list of the 10,000 most common passwords, which are the first ones anyone tries. Choose another."
        }
        if let email, password.lowercased() == email.lowercased() {
            return "The new password must not be your e-mail address."
        }
        return nil
    }
}
