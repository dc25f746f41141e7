import Foundation

/// A value made on another thread, waited for where it is needed.
final class Joinable<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?
    func finish(_ v: Value) {
        value = v
        done.signal()
    }
    func join() -> Value {
        done.wait()
        return value!
    }
}

/// A value handed to another thread that the code around it keeps to one thread at a time (a
/// redactor used by the reading thread alone, a buffer read while its owner waits).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
