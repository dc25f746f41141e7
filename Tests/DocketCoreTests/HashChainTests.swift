import Foundation
import Testing

@testable import DocketCore

@Suite("Tamper-evident chain")
struct HashChainTests {
    struct Entry { var seq: Int64; var fields: [String]; var prev: String; var hash: String }

    func chain(_ payloads: [String]) -> [Entry] {
        var prev = HashChain.genesis
        return payloads.enumerated().map { i, p in
            let fields = ["event/v1", String(i + 1), p]
            let h = HashChain.hash(previous: prev, fields: fields)
            defer { prev = h }
            return Entry(seq: Int64(i + 1), fields: fields, prev: prev, hash: h)
        }
    }

    func verify(_ entries: [Entry]) -> ChainVerifier.Failure? {
        var v = ChainVerifier()
        do {
            for e in entries { try v.check(seq: e.seq, fields: e.fields, prevHash: e.prev, hash: e.hash) }
            return nil
        } catch { return error }
    }

    @Test func an_untouched_chain_verifies() {
        #expect(verify(chain(["a", "b", "c"])) == nil)
    }

    @Test func a_changed_payload_is_caught_at_that_entry() {
        var c = chain(["a", "b", "c"])
        c[1].fields[2] = "B"
        #expect(verify(c)?.seq == 2)
        #expect(verify(c)?.reason.contains("altered") == true)
    }

    @Test func a_deleted_entry_is_caught() {
        var c = chain(["a", "b", "c"])
        c.remove(at: 1)
        #expect(verify(c)?.seq == 3)
    }

    @Test func swapped_entries_are_caught() {
        var c = chain(["a", "b", "c"])
        c.swapAt(0, 1)
        #expect(verify(c)?.seq == 2)
    }

    @Test func a_rehashed_entry_still_breaks_the_next_link() {
        var c = chain(["a", "b", "c"])
        c[1].fields[2] = "B"
        c[1].hash = HashChain.hash(previous: c[1].prev, fields: c[1].fields)
        let f = verify(c)
        #expect(f?.seq == 3)
    }

    @Test func a_truncated_chain_is_caught_by_its_head() throws {
        let c = chain(["a", "b", "c"])
        var v = ChainVerifier()
        for e in c.prefix(2) { try v.check(seq: e.seq, fields: e.fields, prevHash: e.prev, hash: e.hash) }
        #expect(throws: ChainVerifier.Failure.self) { try v.checkHead(seq: 3, hash: c[2].hash) }
    }

    @Test func the_encoding_cannot_be_confused_by_moving_bytes_between_fields() {
        #expect(HashChain.canonical(["ab", "c"]) != HashChain.canonical(["a", "bc"]))
    }

    @Test func every_event_kind_round_trips_through_its_stored_form() throws {
        var w = World()
        try w.decided()
        try w.run(.appeal(grounds: "Grounds"), by: w.respondent)
        for e in w.events {
            let back = try CaseEvent.decode(kind: e.event.kind, payload: e.event.encodedPayload())
            #expect(back == e.event)
        }
        #expect(Instant.parse(Instant.string(w.now)) == Instant.truncate(w.now))
    }
}
