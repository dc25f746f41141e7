import Foundation

/// A kind of value that is one of a fixed list. When a request names something else, the refusal
/// lists what it could have been, so that nobody has to guess.
public protocol ListedValues: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension ListedValues {
    public static var listed: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// What `init(from:)` does for each of these kinds.
    public static func decodeListed(from decoder: any Decoder) throws -> Self {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(shown)' is not one of: \(listed)."))
        }
        return value
    }
}

extension ComplainantRelation: ListedValues {
    public init(from decoder: any Decoder) throws { self = try Self.decodeListed(from: decoder) }
}

extension ReviewVerdict: ListedValues {
    public init(from decoder: any Decoder) throws { self = try Self.decodeListed(from: decoder) }
}

extension Finding: ListedValues {
    public init(from decoder: any Decoder) throws { self = try Self.decodeListed(from: decoder) }
}

extension AppealOutcome: ListedValues {
    public init(from decoder: any Decoder) throws { self = try Self.decodeListed(from: decoder) }
}

extension ReviewConclusion: ListedValues {
    public init(from decoder: any Decoder) throws { self = try Self.decodeListed(from: decoder) }
}

extension CaseStage: ListedValues {
    public init(from decoder: any Decoder) throws { self = try Self.decodeListed(from: decoder) }
}

extension SanctionKind: ListedValues {
    public init(from decoder: any Decoder) throws { self = try Self.decodeListed(from: decoder) }
}
