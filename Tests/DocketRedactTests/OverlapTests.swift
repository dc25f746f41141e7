import Testing

@testable import DocketRedact

/// Names found next to personal data once produced overlapping spans, and writing them out
/// trapped: one editor's upload of ordinary text ended the server.
@Suite("Redaction: names next to personal data")
struct OverlapTests {
    func redact(_ text: String, roster: [PrivatePerson] = [], format: DocumentFormat = .text) -> Redactor.Output {
        Redactor(roster: roster, publicList: []).redact(text, format: format)
    }

    @Test func a_capitalised_word_before_an_address_is_not_run_into_it() {
        let r = redact("Contact Info@example.org for details.")
        #expect(!r.document.contains("@"))
        #expect(!r.document.contains("example.org"))
    }

    @Test func an_unknown_name_on_the_line_above_its_address_keeps_both_out() {
        let r = redact("Alice Smith\nAlice.Smith@example.org")
        #expect(!r.document.contains("Smith"))
        #expect(!r.document.contains("@"))
    }

    @Test func a_title_after_a_member_does_not_overlap_them() {
        let roster = [PrivatePerson(memberId: "M1", fullName: "Alice Example")]
        let r = redact("Bob Jones\nCllr Alice Example spoke.", roster: roster)
        #expect(r.document.contains("Member A"))
        #expect(!r.document.contains("Alice"))
    }

    @Test func spans_written_out_never_overlap_and_are_in_order() {
        let texts = [
            "Contact Info@example.org", "Dr Ann Lee ann.lee@example.org 07700 900123", "Mr Bo Diddley(020) 7946 0018 AB12 3CD",
            "Ms Kay Poe\nKay.Poe@x.io\nCllr Kay Poe", "Sir Tim Berners Lee tim@w3.org", "Zoë Ödön zoe@éx.org",
        ]
        for text in texts {
            let r = redact(text)
            var last = 0
            for e in r.map {
                #expect(e.start >= last, "overlap in \(text)")
                last = e.end
            }
        }
    }

    @Test func a_long_run_of_digits_and_spaces_is_read_in_linear_time() {
        let text = String(repeating: "0 ", count: 200_000) + String(repeating: "(", count: 100_000)
        let r = redact(text)
        #expect(r.document.count > 0)
    }
}
