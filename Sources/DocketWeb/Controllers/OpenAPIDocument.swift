import DocketCore
import Foundation
import Vapor

/// `GET /api/v1/openapi.json`: the API described in OpenAPI 3.1. A test compares it with the
/// routes the application registers, so it cannot drift from them.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var body: String?
        var response: String
        var secured = true
    }

    static let operations: [Operation] = [
        .init(method: "get", path: "/api/v1/openapi.json", summary: "This document", response: "Document", secured: false),
        .init(method: "get", path: "/api/v1/me", summary: "Who the token belongs to", response: "Me"),
        .init(method: "get", path: "/api/v1/notifications", summary: "What you have been told", response: "Notices"),
        .init(method: "get", path: "/api/v1/audit/verify", summary: "Verify both chains (auditors)", response: "AuditResult"),
        .init(method: "get", path: "/api/v1/cases", summary: "Cases in your scope", response: "CaseList"),
        .init(method: "post", path: "/api/v1/cases", summary: "File a complaint", body: "NewComplaint", response: "Case"),
        .init(method: "get", path: "/api/v1/cases/{caseID}", summary: "A case file as you may see it; the read is logged", response: "Case"),
        .init(method: "get", path: "/api/v1/cases/{caseID}/timeline", summary: "The case's events; parties see steps without internals", response: "Timeline"),
        .init(method: "post", path: "/api/v1/cases/{caseID}/{action}", summary: "Take one step of the procedure", body: "Step", response: "Case"),
    ]

    static func object(_ props: [String: Any], required: [String] = []) -> [String: Any] {
        ["type": "object", "properties": props, "required": required]
    }

    static var string: [String: Any] { ["type": "string"] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static func strings(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }

    static var schemas: [String: Any] {
        let sanctions = strings(SanctionKind.allCases.map(\.rawValue))
        let finding = object(["allegation": ["type": "integer"], "finding": strings(["upheld", "not_upheld"]), "reasons": string],
                             required: ["allegation", "finding", "reasons"])
        return [
            "Error": object(["error": string, "message": string], required: ["error", "message"]),
            "Document": ["type": "object"],
            "Me": object(["id": string, "display_name": string, "roles": ["type": "array", "items": string]]),
            "Notices": ["type": "array", "items": object(["case_id": string, "subject": string, "body": string, "at": string])],
            "AuditResult": object(["verified": ["type": "boolean"], "events": ["type": "integer"], "access_entries": ["type": "integer"],
                                   "event_head": string, "failure": string]),
            "CaseList": ["type": "array", "items": object(["id": string, "reference": string, "stage": string, "category": string, "stage_due_at": string])],
            "Case": object(["id": string, "reference": string, "stage": strings(CaseStage.allCases.map(\.rawValue)), "your_access": ["type": "array", "items": string]],
                           required: ["id", "reference", "stage"]),
            "Timeline": ["type": "array", "items": object(["seq": ["type": "integer"], "kind": string, "at": string, "payload": string])],
            "NewComplaint": object(["respondent_id": string, "respondent_membership_number": string,
                                    "relation": strings(ComplainantRelation.allCases.map(\.rawValue)), "category": string,
                                    "summary": string, "conduct_date": date], required: ["relation", "category", "summary"]),
            "Step": ["oneOf": [
                object(["reasons": string], required: ["reasons"]),
                object(["summary": string, "complainant_consents": ["type": "boolean"], "respondent_consents": ["type": "boolean"]], required: ["summary"]),
                object(["clause_id": string, "conduct_date": date, "basis": string], required: ["clause_id", "conduct_date", "basis"]),
                object(["window_working_days": ["type": "integer"], "disclosed_evidence": ["type": "array", "items": string]], required: ["window_working_days"]),
                object(["person_id": string], required: ["person_id"]),
                object(["text": string, "requests_oral_hearing": ["type": "boolean"]], required: ["text"]),
                object(["notes": string], required: ["notes"]),
                object(["findings": ["type": "array", "items": finding], "sanction": sanctions, "sanction_reasons": string], required: ["findings"]),
                object(["grounds": string], required: ["grounds"]),
                object(["outcome": strings(["dismissed", "varied", "allowed"]), "reasons": string, "sanction": sanctions], required: ["outcome", "reasons"]),
                object(["reasons": string, "scope": string, "review_date": date], required: ["reasons", "review_date"]),
                object(["from": string, "summary": string], required: ["from", "summary"]),
                object(["conclusion": strings(["stands", "varied", "set_aside"]), "reasons": string, "sanction": sanctions], required: ["conclusion", "reasons"]),
            ]],
        ]
    }

    static func json(organisation: String) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var operation: [String: Any] = [
                "summary": op.summary,
                "operationId": op.method + op.path.split(separator: "/").map { $0.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "").replacingOccurrences(of: ".", with: "_") }.joined(separator: "_"),
                "responses": [
                    "200": ["description": "OK", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(op.response)"]]]],
                    "401": ["description": "No valid bearer token"],
                    "404": ["description": "Not found, or outside your scope", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
                    "409": ["description": "Not allowed at this stage", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
                    "422": ["description": "Invalid input", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
                ],
            ]
            if !op.secured { operation["security"] = [] as [Any] }
            if let body = op.body {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            var parameters: [[String: Any]] = []
            if op.path.contains("{caseID}") {
                parameters.append(["name": "caseID", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]])
            }
            if op.path.contains("{action}") {
                parameters.append(["name": "action", "in": "path", "required": true, "schema": strings(CommandBody.actions)])
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            paths[op.path, default: [:]][op.method] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Docket API of \(organisation)", "version": "1",
                     "description": "Complaints and disciplinary procedures. A case outside your scope answers 404 whether or not it exists."],
            "servers": [["url": "/"]],
            "security": [["bearer": [] as [String]]],
            "paths": paths,
            "components": ["schemas": schemas, "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
    }
}

struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "openapi.json", use: document)
    }

    func document(req: Request) async throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: OpenAPIDocument.json(organisation: req.docket.config.organisationName), options: [.sortedKeys])
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = .json
        return res
    }
}
