import Crypto
import DocketCore
import DocketStore
import Fluent
import Vapor

/// Uploaded evidence: size- and type-checked, hashed, and stored beside the event that records it.
enum EvidenceUpload {
    static let maxBytes = 10 * 1024 * 1024
    static let types: [String: String] = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "txt": "text/plain",
    ]

    /// Nil when no file was chosen; a refusal when the file is too big or not an accepted kind.
    static func item(from file: File?) throws -> (EvidenceItem, Data)? {
        guard let file, file.data.readableBytes > 0 else { return nil }
        let name = file.filename.split(separator: "/").last.map(String.init) ?? "evidence"
        guard file.data.readableBytes <= maxBytes else {
            throw DueProcessError.invalid("evidence_too_large", "\(name) is larger than 10 MB; send a smaller file or split it.")
        }
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard let type = types[ext] else {
            throw DueProcessError.invalid("evidence_type", "\(name) is not a kind of file Docket accepts (PDF, PNG, JPEG or plain text).")
        }
        let data = Data(buffer: file.data)
        guard looksLike(type, data) else {
            throw DueProcessError.invalid("evidence_type", "\(name) does not contain what its name says (\(ext.uppercased())).")
        }
        return (EvidenceItem(id: UUID(), filename: name, contentType: type, size: data.count, sha256: sha256(data)), data)
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    static func looksLike(_ type: String, _ d: Data) -> Bool {
        switch type {
        case "application/pdf": return d.starts(with: Array("%PDF".utf8))
        case "image/png": return d.starts(with: [0x89, 0x50, 0x4E, 0x47])
        case "image/jpeg": return d.starts(with: [0xFF, 0xD8, 0xFF])
        default: return String(data: d, encoding: .utf8) != nil
        }
    }

    /// Stores the bytes in the same transaction as the event.
    static func store(_ uploads: [(EvidenceItem, Data)], at now: Date) -> CaseStore.Hook {
        { file, tx in
            for (item, data) in uploads { try await EvidenceFile(item: item, caseId: file.id, data: data, at: now).create(on: tx) }
        }
    }
}
