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
        /// Every status the route can answer besides success.
        var errors: [Int]
        var success = 200
    }

    /// What each error status means, as the API answers it.
    static let meanings: [Int: String] = [
        401: "No valid bearer token",
        403: "You may not take this step in this case (for example, not your role in it)",
        404: "Not found, or outside your scope: the two look the same",
        409: "Not allowed at this stage of the case, or an audit run is already in progress",
        413: "The body is larger than this route accepts",
        415: "The body is not JSON (send Content-Type: application/json)",
        422: "Invalid input: the message says which field and why",
        429: "Too many requests from this token or address; Retry-After says when to try again",
    ]

    /// One step of the procedure: its action, what it does, and its body (nil: it takes none).
    struct Step { var action: String; var summary: String; var body: [String: Any]? }

    static var steps: [Step] {
        let reasons = object(["reasons": text(.reasons)], required: ["reasons"])
        let sanctions = strings(SanctionKind.allCases.map(\.rawValue))
        let finding = object(
            [
                "allegation": ["type": "integer", "minimum": 1], "finding": strings(Finding.allCases.map(\.rawValue)),
                "reasons": text(.reasons),
            ], required: ["allegation", "finding", "reasons"])
        let suspension = object(["reasons": text(.reasons), "scope": text(.name), "review_date": date], required: ["reasons", "review_date"])
        return [
            Step(
                action: "identify-respondent", summary: "Identify the person complained about (reviewers, before allocation); give one of the fields",
                body: [
                    "type": "object", "properties": ["person_id": uuid, "membership_number": string, "email": string, "who": string],
                    "minProperties": 1,
                ]),
            Step(action: "allocate-caseworker", summary: "Draw a caseworker (an independent reviewer on the independent route)", body: nil),
            Step(action: "dismiss", summary: "Dismiss at triage, with reasons", body: reasons),
            Step(
                action: "resolve", summary: "Resolve informally, with both parties' consent",
                body: object(
                    ["summary": text(.reasons), "complainant_consents": bool, "respondent_consents": bool],
                    required: ["summary", "complainant_consents", "respondent_consents"])),
            Step(action: "open-investigation", summary: "Open an investigation, with reasons", body: reasons),
            Step(
                action: "allegations", summary: "Frame an allegation against a clause of the rulebook",
                body: object(["clause_id": text(.name), "conduct_date": date, "basis": text(.reasons)], required: ["clause_id", "conduct_date", "basis"])),
            Step(
                action: "correct-allegation", summary: "Restate an allegation before notice is served, with the reasons for the change",
                body: object(
                    [
                        "number": ["type": "integer", "minimum": 1], "clause_id": text(.name), "conduct_date": date, "basis": text(.reasons),
                        "reasons": text(.reasons),
                    ], required: ["number", "clause_id", "conduct_date", "basis", "reasons"])),
            Step(
                action: "withdraw-allegation", summary: "Withdraw an allegation before notice is served, with reasons",
                body: object(["number": ["type": "integer", "minimum": 1], "reasons": text(.reasons)], required: ["number", "reasons"])),
            Step(
                action: "serve-notice", summary: "Serve notice of the allegations, with the response window and the evidence disclosed",
                body: object(
                    ["window_working_days": ["type": "integer", "minimum": 1], "disclosed_evidence": ["type": "array", "items": text(.name)]],
                    required: ["window_working_days"])),
            Step(action: "representative", summary: "Name the respondent's representative", body: object(["person_id": uuid], required: ["person_id"])),
            Step(
                action: "respond", summary: "The respondent's response",
                body: object(["text": text(.document), "requests_oral_hearing": bool], required: ["text"])),
            Step(action: "report", summary: "The investigation report", body: object(["text": text(.document)], required: ["text"])),
            Step(action: "appoint-panel", summary: "Draw the panel", body: nil),
            Step(
                action: "schedule-hearing",
                summary:
                    "Set the hearing (the appointing authority or the panel chair): the parties are told, with the panel, at least the set number of working days ahead",
                body: object(
                    ["starts_at": ["type": "string", "format": "date-time"], "place": text(.name), "link": text(.name)], required: ["starts_at"])),
            Step(
                action: "object-to-panel-member", summary: "Object to a member of the panel, with reasons (the respondent, before the hearing)",
                body: object(["member": uuid, "reasons": text(.reasons)], required: ["member", "reasons"])),
            Step(
                action: "decide-objection", summary: "Decide an objection, with reasons; an upheld one replaces the member by a new recorded draw",
                body: object(
                    ["number": ["type": "integer", "minimum": 1], "upheld": bool, "reasons": text(.reasons)], required: ["number", "upheld", "reasons"])),
            Step(action: "request-adjournment", summary: "Ask for the hearing to be adjourned, with reasons (either party)", body: reasons),
            Step(
                action: "decide-adjournment", summary: "The panel grants or refuses an adjournment, with reasons",
                body: object(
                    ["number": ["type": "integer", "minimum": 1], "granted": bool, "reasons": text(.reasons)], required: ["number", "granted", "reasons"])),
            Step(
                action: "hearing", summary: "Record the hearing once it has begun: the notes, and who attended",
                body: object(["notes": text(.document), "attendees": ["type": "array", "items": uuid]], required: ["notes"])),
            Step(
                action: "decide",
                summary:
                    "The chair proposes the panel's decision: a finding with reasons for each allegation, and any sanction; it issues when a majority concurs",
                body: object(
                    ["findings": ["type": "array", "items": finding, "minItems": 1], "sanction": sanctions, "sanction_reasons": text(.reasons)],
                    required: ["findings"])),
            Step(
                action: "vote", summary: "A panel member concurs with the chair's proposed decision or dissents, with reasons",
                body: object(["concurs": bool, "reasons": text(.reasons)], required: ["concurs", "reasons"])),
            Step(
                action: "message", summary: "A message in a party's thread with the case team (a question, from the team; an answer, from the party)",
                body: object(
                    [
                        "thread": strings(["complainant", "respondent", "representative"]), "text": text(.reasons), "asks": bool,
                        "answering": ["type": "integer", "minimum": 1],
                    ], required: ["thread", "text"])),
            Step(
                action: "disclose-message", summary: "Show a message to the other parties, with reasons (the caseworker or appointing authority)",
                body: object(["number": ["type": "integer", "minimum": 1], "reasons": text(.reasons)], required: ["number", "reasons"])),
            Step(action: "appeal", summary: "Appeal the decision, with grounds", body: object(["grounds": text(.reasons)], required: ["grounds"])),
            Step(action: "appoint-appeal-panel", summary: "Draw the appeal panel, none of whom sat on the first", body: nil),
            Step(
                action: "decide-appeal", summary: "The appeal panel's chair proposes its decision; it issues when a majority concurs",
                body: object(
                    ["outcome": strings(AppealOutcome.allCases.map(\.rawValue)), "reasons": text(.reasons), "sanction": sanctions],
                    required: ["outcome", "reasons"])),
            Step(action: "close", summary: "Close the case, with reasons", body: reasons),
            Step(action: "declare-conflict", summary: "Declare a conflict of interest and step aside", body: reasons),
            Step(action: "pause-clock", summary: "Pause the case's clock, with reasons", body: reasons),
            Step(action: "resume-clock", summary: "Resume the case's clock", body: reasons),
            Step(action: "suspend", summary: "Impose an interim suspension, with reasons and a review date", body: suspension),
            Step(
                action: "renew-suspension", summary: "Renew the interim suspension to a new review date",
                body: object(["reasons": text(.reasons), "review_date": date], required: ["reasons", "review_date"])),
            Step(action: "lift-suspension", summary: "Lift the interim suspension", body: reasons),
            Step(action: "note", summary: "Add a note to the file (staff)", body: object(["text": text(.reasons)], required: ["text"])),
            Step(
                action: "interference", summary: "Record an attempt to influence the case",
                body: object(["from": text(.name), "summary": text(.reasons)], required: ["from", "summary"])),
            Step(
                action: "review-decision", summary: "Verify a decision, or veto it so that a fresh panel hears the case (independent reviewers)",
                body: object(["verdict": strings(ReviewVerdict.allCases.map(\.rawValue)), "reasons": text(.reasons)], required: ["verdict", "reasons"])),
            Step(
                action: "conclude-review", summary: "Conclude a review programme's review of this case",
                body: object(
                    ["conclusion": strings(ReviewConclusion.allCases.map(\.rawValue)), "reasons": text(.reasons), "sanction": sanctions],
                    required: ["conclusion", "reasons"])),
            Step(
                action: "withhold-identity", summary: "The custodian of a protected identity records why it is withheld from the respondent",
                body: object(["reasons": text(.reasons)], required: ["reasons"])),
            Step(
                action: "request-reveal", summary: "The case team asks the custodian to reveal a protected complainant, with reasons",
                body: object(["reasons": text(.reasons)], required: ["reasons"])),
            Step(
                action: "decide-reveal",
                summary: "The custodian reveals the identity or refuses, with reasons (revealing no sooner than 5 working days after the request)",
                body: object(
                    ["number": ["type": "integer", "minimum": 1], "reveal": bool, "reasons": text(.reasons)], required: ["number", "reveal", "reasons"])),
            Step(
                action: "decide-flag", summary: "An independent reviewer confirms or dismisses a retaliation flag, with reasons",
                body: object(
                    ["number": ["type": "integer", "minimum": 1], "confirmed": bool, "reasons": text(.reasons)], required: ["number", "confirmed", "reasons"])),
            Step(
                action: "concur-suspension", summary: "An independent reviewer concurs in an interim suspension while a retaliation flag is open",
                body: object(["reasons": text(.reasons)], required: ["reasons"])),
        ]
    }

    static var operations: [Operation] {
        [
            .init(method: "get", path: "/api/v1/openapi.json", summary: "This document", response: "Document", secured: false, errors: []),
            .init(method: "get", path: "/api/v1/me", summary: "Who the token belongs to", response: "Me", errors: [401, 429]),
            .init(method: "get", path: "/api/v1/notifications", summary: "What you have been told", response: "Notices", errors: [401, 429]),
            .init(
                method: "get", path: "/api/v1/audit/verify", summary: "Verify both chains (auditors)", response: "AuditResult", errors: [401, 404, 409, 429]),
            .init(method: "get", path: "/api/v1/cases", summary: "Cases in your scope", response: "CaseList", errors: [401, 429]),
            .init(
                method: "post", path: "/api/v1/cases", summary: "File a complaint", body: "NewComplaint", response: "Case", errors: [401, 413, 415, 422, 429],
                success: 201),
            .init(
                method: "get", path: "/api/v1/cases/{caseID}", summary: "A case file as you may see it; the read is logged", response: "Case",
                errors: [401, 404, 429]),
            .init(
                method: "get", path: "/api/v1/cases/{caseID}/timeline", summary: "The case's events; parties see steps without internals", response: "Timeline",
                errors: [401, 404, 429]),
        ]
            + steps.map { step in
                Operation(
                    method: "post", path: "/api/v1/cases/{caseID}/\(step.action)", summary: step.summary,
                    body: step.body == nil ? nil : schemaName(step.action),
                    response: "Case", errors: [401, 403, 404, 409] + (step.body == nil ? [] : [413, 415, 422]) + [429])
            }
    }

    /// `serve-notice` → `ServeNoticeStep`.
    static func schemaName(_ action: String) -> String {
        action.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Step"
    }

    static func object(_ props: [String: Any], required: [String] = []) -> [String: Any] {
        ["type": "object", "properties": props, "required": required]
    }

    static var string: [String: Any] { ["type": "string"] }
    static var uuid: [String: Any] { ["type": "string", "format": "uuid"] }
    static var bool: [String: Any] { ["type": "boolean"] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static func text(_ limit: TextLimit) -> [String: Any] { ["type": "string", "maxLength": limit.rawValue] }
    static func strings(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }

    static var schemas: [String: Any] {
        var all: [String: Any] = [
            "Error": object(["error": string, "message": string], required: ["error", "message"]),
            "Document": ["type": "object"],
            "Me": object(["id": uuid, "display_name": string, "roles": ["type": "array", "items": string]], required: ["id", "display_name", "roles"]),
            "Notices": [
                "type": "array", "items": object(["case_id": uuid, "subject": string, "body": string, "at": string], required: ["subject", "body", "at"]),
            ],
            "AuditResult": object(
                [
                    "verified": bool, "events": ["type": "integer"], "access_entries": ["type": "integer"],
                    "event_head": string, "failure": string,
                ], required: ["verified"]),
            "CaseList": [
                "type": "array",
                "items": object(
                    ["id": uuid, "reference": string, "stage": string, "category": string, "stage_due_at": string],
                    required: ["id", "reference", "stage"]),
            ],
            "Case": object(
                [
                    "id": uuid, "reference": string, "stage": strings(CaseStage.allCases.map(\.rawValue)), "your_access": ["type": "array", "items": string],
                    "available_steps": ["type": "array", "items": strings(CaseStep.allCases.map(\.rawValue))],
                    "sitting_panel": ["type": "array", "items": uuid],
                    "hearing": object(["starts_at": string, "place": string, "link": string, "held_at": string], required: ["starts_at"]),
                    "messages": [
                        "type": "array",
                        "items": object(
                            ["number": ["type": "integer"], "thread": string, "from_team": bool, "text": string, "asks": bool, "waiting": bool],
                            required: ["number", "thread", "text"]),
                    ],
                ],
                required: ["id", "reference", "stage"]),
            "Timeline": [
                "type": "array",
                "items": object(["seq": ["type": "integer"], "kind": string, "at": string, "payload": string], required: ["seq", "kind", "at"]),
            ],
            "NewComplaint": object(
                [
                    "respondent_id": uuid, "respondent_membership_number": text(.name), "respondent_name": text(.name),
                    "relation": strings(ComplainantRelation.allCases.map(\.rawValue)), "category": string,
                    "summary": text(.reasons), "conduct_date": date, "protected_disclosure": bool, "identity_protected": bool,
                ], required: ["relation", "category", "summary"]),
        ]
        for step in steps { if let body = step.body { all[schemaName(step.action)] = body } }
        return all
    }

    static func json(organisation: String) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var responses: [String: Any] = [
                String(op.success): [
                    "description": op.success == 201 ? "Created" : "OK",
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(op.response)"]]],
                ]
            ]
            for code in op.errors {
                var r: [String: Any] = [
                    "description": meanings[code] ?? "", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                ]
                if code == 429 { r["headers"] = ["Retry-After": ["description": "Seconds to wait", "schema": ["type": "integer"]]] }
                responses[String(code)] = r
            }
            var operation: [String: Any] = [
                "summary": op.summary,
                "operationId": op.method
                    + op.path.split(separator: "/").map {
                        $0.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "").replacingOccurrences(of: ".", with: "_")
                            .replacingOccurrences(of: "-", with: "_")
                    }.joined(separator: "_"),
                "responses": responses,
            ]
            if !op.secured { operation["security"] = [] as [Any] }
            if let body = op.body {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            if op.path.contains("{caseID}") {
                operation["parameters"] = [["name": "caseID", "in": "path", "required": true, "schema": uuid]]
            }
            paths[op.path, default: [:]][op.method] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Docket API of \(organisation)", "version": "1",
                "description":
                    "Complaints and disciplinary procedures. A case outside your scope answers 404 whether or not it exists. Each step of the procedure is its own path, with its own body.",
            ],
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
