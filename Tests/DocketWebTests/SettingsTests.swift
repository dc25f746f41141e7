import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// The administrator's saved settings are what the procedure uses from then on.
@Suite("Saved settings")
struct SettingsTests {
    static let password = "long enough password"

    func settings(min: String, max: String, appeal: String, panel: String, holidays: String, received: (String, String)) -> [(String, String)] {
        [
            ("minimumResponse", min), ("maximumResponse", max), ("appealWindow", appeal), ("panelSize", panel), ("holidays", holidays),
            ("target[received]", received.0), ("maximum[received]", received.1),
        ]
    }

    @Test func bad_settings_are_refused_with_every_reason_and_nothing_is_saved() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let page = try await web.post(
                "/admin/settings",
                settings(
                    min: "0", max: "500", appeal: "0", panel: "12",
                    holidays: "2026-12-25\n2026-13-45", received: ("9", "3")))
            #expect(page.status == .unprocessableEntity)
            for message in [
                "The minimum response window must be from", "The maximum response window must be from", "500 was given",
                "The appeal window must be from", "A panel has between 1 and 9 members.",
                "Holidays, line 2: &#39;2026-13-45&#39; is not a date such as 2026-12-25.",
                "Received: the target must be from 1 to",
            ] {
                #expect(page.body.contains(message), "missing: \(message)")
            }
            #expect(try await ProcedureSettings.load(on: t.app.db) == nil)
            let text = try await web.post("/admin/settings", settings(min: "ten", max: "20", appeal: "7", panel: "3", holidays: "", received: ("2", "3")))
            #expect(text.status == .unprocessableEntity || text.status == .badRequest)
            #expect(text.body.contains("minimum"))
            #expect(try await ProcedureSettings.load(on: t.app.db) == nil)
        }
    }

    @Test func the_retention_schedule_and_the_retaliation_window_are_set_on_the_page_and_recorded() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            var page = try await web.get("/admin/settings")
            #expect(page.body.contains("Retention of ended cases"))
            #expect(page.body.contains("name=\"retention[dismissed]\" value=\"12\""))
            #expect(page.body.contains("name=\"retaliationWindow\" value=\"12\""))
            let base = settings(min: "10", max: "60", appeal: "10", panel: "3", holidays: "", received: ("2", "3"))
            page = try await web.post("/admin/settings", base + [("retention[dismissed]", "0"), ("retention[upheld]", "400"), ("retaliationWindow", "99")])
            #expect(page.status == .unprocessableEntity)
            for message in ["Retention, Dismissed at triage: from 1 to 360 months", "400 was given", "The retaliation watch looks back from 1 to 60 months"] {
                #expect(page.body.contains(message), "missing: \(message)")
            }
            #expect(try await ProcedureSettings.load(on: t.app.db) == nil)
            page = try await web.post("/admin/settings", base + [("retention[dismissed]", "24"), ("retention[expelled]", "240"), ("retaliationWindow", "18")])
            #expect(page.status == .seeOther)
            let policy = try #require(try await ProcedureSettings.load(on: t.app.db)).policy
            #expect(policy.retention.months(for: .dismissed) == 24)
            #expect(policy.retention.months(for: .expelled) == 240)
            #expect(policy.retention.months(for: .upheld) == 72)
            #expect(policy.retaliationWindowMonths == 18)
            // On the chain, and what members are shown on their data page.
            #expect(try await EventRecord.query(on: t.app.db).filter(\.$kind == RecordEvent.Kind.settingsChanged.rawValue).count() == 1)
            page = try await web.get("/account/data")
            #expect(page.body.contains("Dismissed at triage: 2 years after closure"))
            #expect(page.body.contains("Upheld, with expulsion: 20 years after closure"))
        }
    }

    @Test func saved_windows_panel_size_stage_limits_and_holidays_govern_the_next_case() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let admin = try await t.account("Ada Admin", [.admin])
            let complainant = try await t.user("Alice", [.member], number: "A0000001")
            let respondent = try await t.user("Bob", [.member], number: "A0000002")
            let caseworker = try await t.user("Dee Caseworker", [.caseworker])
            let governance = try await t.user("Eve Governance", [.governance])
            var panel: [UUID: TestApp.User] = [:]
            for i in 1...7 { let p = try await t.user("Panel \(i)", [.panelMember]); panel[p.id] = p }

            // Monday 2 March 2026. Wednesday 4 March becomes a holiday.
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let saved = try await web.post(
                "/admin/settings",
                settings(
                    min: "12", max: "20", appeal: "7", panel: "5",
                    holidays: "2026-03-04\n", received: ("2", "3")))
            #expect(saved.status == .seeOther)
            let form = try await web.get("/admin/settings")
            #expect(form.body.contains("value=\"12\"") && form.body.contains("2026-03-04"))

            var r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "A0000002", "relation": "directly_affected", "category": "bullying", "summary": "Messages",
                ])
            let base = "/api/v1/cases/\(try #require(r["id"] as? String))"
            // Received: at most 3 working days, not counting the holiday: Tue 3, Thu 5, Fri 6.
            r = try await t.call(.GET, base, as: governance)
            #expect(r["stage_due"] as? String == "2026-03-07T00:00:00.000Z", "\(r["stage_due"] ?? "none")")

            _ = try await t.call(.POST, "\(base)/allocate-caseworker", as: governance)
            _ = try await t.call(.POST, "\(base)/open-investigation", as: caseworker, json: ["reasons": "Prima facie breach"])
            _ = try await t.call(.POST, "\(base)/allegations", as: caseworker, json: ["clause_id": "2.1", "conduct_date": "2026-02-10", "basis": "Messages"])
            r = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 11])
            #expect(r.message == "The response window must be at least 12 working days; 11 were given.")
            r = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 21])
            #expect(r.status == .unprocessableEntity)
            #expect(r.message?.contains("20") == true, "\(r.message ?? "")")
            r = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 12])
            #expect(r["stage"] as? String == "notice_served")
            // Twelve working days from Monday 2 March, skipping Wednesday 4: the end of Thursday 19 March.
            let notice = try #require((try await t.call(.GET, base, as: respondent))["notice"] as? [String: Any])
            #expect(notice["response_deadline"] as? String == "2026-03-20T00:00:00.000Z", "\(notice)")

            t.advance(workingDays: 2)
            _ = try await t.call(.POST, "\(base)/respond", as: respondent, json: ["text": "I deny it."])
            _ = try await t.call(.POST, "\(base)/report", as: caseworker, json: ["text": "The messages were sent."])
            r = try await t.call(.POST, "\(base)/appoint-panel", as: governance)
            let drawn = try #require(r["panel"] as? [String]).compactMap(UUID.init(uuidString:))
            #expect(drawn.count == 5)
            r = try await t.call(
                .POST, "\(base)/decide", as: try #require(panel[drawn[0]]),
                json: [
                    "findings": [["allegation": 1, "finding": "upheld", "reasons": "The messages are abusive."]], "sanction": "warning",
                ])
            // A panel of five decides when three concur: the chair and two more.
            #expect(r["stage"] as? String == "hearing")
            for member in drawn[1...2] {
                r = try await t.call(.POST, "\(base)/vote", as: try #require(panel[member]), json: ["concurs": true, "reasons": "I agree."])
            }
            #expect(r["stage"] as? String == "decided")
            // Decided on Wednesday 4 March (the test clock counts no holidays); seven working days
            // to appeal, the holiday not among them: Thu 5 … Fri 13 March.
            let decision = try #require(r["decision"] as? [String: Any])
            #expect(decision["appeal_deadline"] as? String == "2026-03-14T00:00:00.000Z", "\(decision)")
        }
    }

    /// With no holidays configured, deadlines used to fall on Christmas Day. The default is the
    /// bank holidays of England and Wales; the settings page adds local days to them and never
    /// removes one; DOCKET_HOLIDAY_REGION chooses another region, or none.
    @Test func bank_holidays_are_not_working_days_by_default_and_local_days_add_to_them() async throws {
        let configured = try DocketConfig.fromEnvironment([:])
        #expect(configured.holidayRegion == .englandAndWales)
        try await TestApp.run(settings: {
            $0.calendar = configured.calendar; $0.holidayRegion = configured.holidayRegion
        }) { t in
            let friday = Day("2026-12-18")!
            var calendar = try await t.app.docket.procedure(on: t.app.db).calendar
            // Five working days from Friday 18 December 2026: not the 25th, not the 28th (Boxing Day's substitute).
            #expect(calendar.adding(workingDays: 5, to: friday) == Day("2026-12-29")!)

            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            var page = try await web.get("/admin/settings")
            #expect(page.body.contains("the bank holidays of England and Wales, 2024–2030"))
            #expect(!page.body.contains(">2026-12-25"), "the region's days are not offered for editing")
            page = try await web.post("/admin/settings", settings(min: "10", max: "30", appeal: "10", panel: "3", holidays: "2026-12-29", received: ("2", "3")))
            #expect(page.status == .seeOther)
            calendar = try await t.app.docket.procedure(on: t.app.db).calendar
            #expect(calendar.adding(workingDays: 5, to: friday) == Day("2026-12-30")!)
            #expect(!calendar.isWorkingDay(Day("2026-12-25")!))
            page = try await web.get("/admin/settings")
            #expect(page.body.contains("2026-12-29</textarea>"))
        }
        let scotland = try DocketConfig.fromEnvironment(["DOCKET_HOLIDAY_REGION": "scotland", "DOCKET_HOLIDAYS": "2026-07-01"])
        #expect(!scotland.calendar.isWorkingDay(Day("2026-11-30")!))  // St Andrew's Day
        #expect(scotland.calendar.isWorkingDay(Day("2026-04-06")!))  // Easter Monday is no holiday in Scotland
        #expect(!scotland.calendar.isWorkingDay(Day("2026-07-01")!))
        let none = try DocketConfig.fromEnvironment(["DOCKET_HOLIDAY_REGION": "none"])
        #expect(none.calendar.holidays.isEmpty && none.holidayRegion == nil)
        do {
            _ = try DocketConfig.fromEnvironment(["DOCKET_HOLIDAY_REGION": "wales"])
            Issue.record("an unknown region was accepted")
        } catch let e as DocketConfig.Invalid {
            #expect(e.problems == ["DOCKET_HOLIDAY_REGION 'wales' is not one of england-and-wales, scotland, northern-ireland or none"])
        }
    }
}
