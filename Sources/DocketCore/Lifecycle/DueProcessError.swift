/// A refusal: the step the person asked for is not allowed, and the sentence says why and what
/// would make it allowed. The kind decides the HTTP status so every front end answers alike.
public struct DueProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The step is not allowed in the case's present state (409).
        case notAllowedNow = "not_allowed_now"
        /// The input is incomplete or wrong (422).
        case invalidInput = "invalid_input"
        /// The person may see the case but may not take this step (403).
        case notPermitted = "not_permitted"
        /// Outside the person's scope, or absent: never say which (404).
        case notFound = "not_found"
    }

    public var kind: Kind
    /// A stable identifier for the rule, e.g. `notice_not_served`.
    public var code: String
    /// One sentence a person can act on.
    public var message: String
    /// The input at fault, by the name the API and the forms give it (`reasons`, `conductDate`,
    /// `findings[0][reasons]`), when one field is; nil when the problem is the step itself.
    public var field: String?

    public init(_ kind: Kind, _ code: String, _ message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    public var httpStatus: Int {
        switch kind {
        case .notAllowedNow: 409
        case .invalidInput: 422
        case .notPermitted: 403
        case .notFound: 404
        }
    }

    public var description: String { message }

    /// The same problem, naming the input at fault.
    public func on(_ field: String) -> Self {
        var e = self
        e.field = field
        return e
    }

    public static func notAllowed(_ code: String, _ message: String) -> Self { .init(.notAllowedNow, code, message) }
    public static func invalid(_ code: String, _ message: String) -> Self { .init(.invalidInput, code, message) }
    public static func notPermitted(_ code: String, _ message: String) -> Self { .init(.notPermitted, code, message) }
    public static let notFound = DueProcessError(.notFound, "not_found", "No such case.")
}
