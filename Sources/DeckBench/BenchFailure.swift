/// A benchmark that could not give a trustworthy figure (the worker left envelopes unfinished,
/// the chain broke, a reference loop failed): one line on stderr, exit 1.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
