import DeckCore
import Dispatch
import Foundation
import Synchronization

/// Reads `envelope submit --file`: JSON lines, one envelope per line, keys named like the
/// flags (`tenant`, `tool`, `args`, `risk`, `toolkit`, `version`, `account`, `task`,
/// `idempotency_key`).
///
/// The whole file is validated before anything is stored; the first bad line is reported
/// with its number and the file is refused.
enum EnvelopeLines {
    static let knownKeys: Set<String> = [
        "tenant", "tool", "args", "risk", "toolkit", "version", "account", "task", "idempotency_key",
    ]

    /// Every line of `data` as a draft; `tenants` maps the names and ids a line may use.
    ///
    /// Chunks of lines are parsed on every core; the first bad line (by line number) wins.
    static func drafts(from data: Data, path: String, tenants: TenantDirectory) throws(CLIError) -> [Line] {
        let chunkCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, data.count / 65_536 + 1))
        let outcomes = Mutex<[Int: Result<[Line], LineFailure>]>([:])
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let chunks = Self.chunks(of: raw, count: chunkCount)
            let bytes = SharedBytes(raw)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                let outcome = Self.parse(bytes.raw, chunks[index], tenants: tenants)
                outcomes.withLock { $0[index] = outcome }
            }
        }
        var drafts: [Line] = []
        let results = outcomes.withLock { $0 }
        for index in results.keys.sorted() {
            switch results[index]! {
            case .success(let chunk): drafts += chunk
            case .failure(let failure): throw CLIError(.badInput, "\(path):\(failure.line): \(failure.message)")
            }
        }
        guard !drafts.isEmpty else { throw CLIError(.badInput, "\(path): no envelopes in file") }
        return drafts
    }

    /// A line's number and the draft it holds.
    struct Line: Sendable {
        var number: Int
        var draft: EnvelopeDraft
    }

    /// A bad line and why.
    struct LineFailure: Error {
        var line: Int
        var message: String
    }

    /// A run of whole lines: byte range and the number of its first line.
    struct Chunk {
        var start: Int
        var end: Int
        var firstLine: Int
    }

    /// Read-only bytes shared by the parsing threads for the duration of the parse.
    struct SharedBytes: @unchecked Sendable {
        let raw: UnsafeRawBufferPointer
        init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }
    }

    /// About `count` chunks of whole lines covering `raw`.
    static func chunks(of raw: UnsafeRawBufferPointer, count: Int) -> [Chunk] {
        var chunks: [Chunk] = []
        var start = 0
        var line = 1
        let target = max(1, raw.count / count)
        while start < raw.count {
            var end = min(raw.count, start + target)
            while end < raw.count, raw[end - 1] != 0x0A { end += 1 }
            chunks.append(Chunk(start: start, end: end, firstLine: line))
            for index in start..<end where raw[index] == 0x0A { line += 1 }
            start = end
        }
        return chunks
    }

    private static func parse(_ raw: UnsafeRawBufferPointer, _ chunk: Chunk, tenants: TenantDirectory) -> Result<[Line], LineFailure> {
        var drafts: [Line] = []
        var lineNumber = chunk.firstLine
        var start = chunk.start
        while start < chunk.end {
            var end = start
            while end < chunk.end, raw[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start, raw[stop - 1] == 0x0D { stop -= 1 }
            let line = UnsafeRawBufferPointer(rebasing: raw[start..<stop])
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                do throws(InvalidInput) {
                    drafts.append(Line(number: lineNumber, draft: try draft(from: line, tenants: tenants)))
                } catch {
                    return .failure(LineFailure(line: lineNumber, message: error.message))
                }
            }
            lineNumber += 1
            start = end + 1
        }
        return .success(drafts)
    }

    private static func draft(from line: UnsafeRawBufferPointer, tenants: TenantDirectory) throws(InvalidInput) -> EnvelopeDraft {
        let fields: [String: JSONValue]
        let verbatim: [String: JSONText]
        do {
            (fields, verbatim) = try JSONValue.parseObject(line, verbatim: ["args"])
        } catch {
            throw InvalidInput(error.reason)
        }
        if let unknown = fields.keys.filter({ !knownKeys.contains($0) }).sorted().first {
            throw InvalidInput("unknown field '\(TerminalText.sanitize(unknown))'")
        }
        var arguments = JSONObjectText([:])
        if let args = verbatim["args"] {
            guard let object = JSONObjectText(args) else { throw InvalidInput("field 'args' must be a JSON object") }
            arguments = object
        }
        func string(_ key: String, required: Bool = false) throws(InvalidInput) -> String? {
            switch fields[key] {
            case nil, .null?:
                if required { throw InvalidInput("missing field '\(key)'") }
                return nil
            case .string(let text)?: return text
            default: throw InvalidInput("field '\(key)' must be a string")
            }
        }
        let tenant = try tenants.resolve(try string("tenant", required: true)!)
        var task: TaskID?
        switch fields["task"] {
        case nil, .null?: break
        case .integer(let id)? where id > 0: task = TaskID(id)
        default: throw InvalidInput("field 'task' must be a positive integer")
        }
        return try EnvelopeDraft(
            tenantID: tenant, toolSlug: try string("tool", required: true)!, toolkit: try string("toolkit"),
            version: try string("version"), connectedAccountID: try string("account").map { ConnectedAccountID(rawValue: $0) },
            taskID: task, argumentsJSON: arguments,
            risk: try string("risk").map { text throws(InvalidInput) in try RiskTier.parse(text) },
            idempotencyKey: try string("idempotency_key"))
    }
}

/// The tenants a submission may name, by id and by name.
struct TenantDirectory: Sendable {
    private let byName: [String: TenantID]
    private let ids: Set<TenantID>

    init(_ tenants: [Tenant]) {
        byName = Dictionary(tenants.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        ids = Set(tenants.map(\.id))
    }

    /// The id for a name or id; a tenant outside the directory is "not found".
    func resolve(_ reference: String) throws(InvalidInput) -> TenantID {
        if let id = TenantID(parsing: reference), ids.contains(id) { return id }
        if let id = byName[reference] { return id }
        throw InvalidInput("tenant '\(TerminalText.sanitize(reference))' not found")
    }
}
