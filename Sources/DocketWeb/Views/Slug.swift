import Foundation

/// A readable, unique address for a published page: the title in lower case with dashes, and a
/// piece of its id so two pages with one title never collide.
enum Slug {
    static func make(_ title: String, id: UUID) -> String {
        let words = title.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-").prefix(60)
        return words + "-" + id.uuidString.prefix(6).lowercased()
    }
}
