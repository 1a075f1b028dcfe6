import DeckCore
import Foundation
import Testing

/// The JSON parser against Foundation's `JSONSerialization` on the same bytes: generated
/// documents, whitespace variations, and mutations of them (bytes inserted, removed or
/// replaced, plus JSONTestSuite-style edge cases). Both must accept or both refuse, and what
/// both accept must be the same value. Where OpsDeck deliberately differs, the case is named
/// (`Difference`) and checked to be exactly that.
@Suite("JSON parser against JSONSerialization")
struct JSONDifferentialTests {
    /// Foundation's value as a `JSONValue`, or nil when Foundation refuses the bytes.
    static func foundation(_ bytes: [UInt8]) -> JSONValue?? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            return .some(nil)
        }
        return convert(object)
    }

    /// nil when the value has no JSONValue form (never expected).
    static func convert(_ object: Any) -> JSONValue?? {
        switch object {
        case is NSNull: return .some(.null)
        case let string as String: return .some(.string(string))
        case let array as [Any]:
            var items: [JSONValue] = []
            for item in array {
                guard case .some(.some(let value)) = convert(item) else { return nil }
                items.append(value)
            }
            return .some(.array(items))
        case let dictionary as [String: Any]:
            var members: [String: JSONValue] = [:]
            for (key, item) in dictionary {
                guard case .some(.some(let value)) = convert(item) else { return nil }
                members[key] = value
            }
            return .some(.object(members))
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" { return .some(.bool(number.boolValue)) }
            if type == "d" || type == "f" { return .some(.number(number.doubleValue)) }
            return .some(.integer(number.int64Value))
        case let bool as Bool: return .some(.bool(bool))
        default: return nil
        }
    }

    static func ours(_ bytes: [UInt8]) -> JSONValue? { try? JSONValue(parsing: bytes) }

    /// Foundation's leniencies OpsDeck does not share (RFC 8259 refuses them all): a trailing
    /// comma, a number with a leading zero, a repeated member name. True when OpsDeck's refusal
    /// of `bytes` is one of them, read from the byte its error names.
    static func documentedLeniency(_ bytes: [UInt8]) -> Bool {
        do {
            _ = try JSONValue(parsing: bytes)
            return false
        } catch {
            if error.reason.contains("duplicate member name") { return true }
            guard let range = error.reason.range(of: "at byte "), let index = Int(error.reason[range.upperBound...]),
                  index <= bytes.count else { return false }
            let before = bytes[..<index].last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            let at = index < bytes.count ? bytes[index] : nil
            let trailingComma = before == UInt8(ascii: ",") && (at == UInt8(ascii: "]") || at == UInt8(ascii: "}"))
            let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
            let leadingZero = index >= 1 && bytes[index - 1] == UInt8(ascii: "0") && at.map(digits.contains) == true
                && (index < 2 || !digits.contains(bytes[index - 2]) && bytes[index - 2] != UInt8(ascii: "."))
            return trailingComma || leadingZero
        }
    }

    /// The same value up to Foundation's known departures: doubles it rounds off in the last
    /// digits (relative error up to 1e-9; OpsDeck matches Swift's correctly rounded
    /// `Double(String)`, checked below), and U+FEFF it drops where a run of unescaped text
    /// starts in a string or member name (OpsDeck keeps every character).
    static func sameUpToFoundation(_ ours: JSONValue, _ theirs: JSONValue) -> Bool {
        switch (ours, theirs) {
        case (.number(let x), .number(let y)):
            return x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        case (.integer(let x), .number(let y)), (.number(let y), .integer(let x)):
            return sameUpToFoundation(.number(Double(x)), .number(y))
        case (.string(let x), .string(let y)): return x == y || withoutBOM(x) == withoutBOM(y)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(sameUpToFoundation)
        case (.object(let x), .object(let y)):
            // Member names compared without U+FEFF: names that differ only by it can collide in
            // Foundation's result; the values of those are not compared.
            let mine = Dictionary(grouping: x, by: { withoutBOM($0.key) })
            let theirs = Dictionary(grouping: y, by: { withoutBOM($0.key) })
            guard Set(mine.keys) == Set(theirs.keys) else { return false }
            return mine.allSatisfy { key, members in
                members.count > 1 || theirs[key]!.count > 1 || sameUpToFoundation(members[0].value, theirs[key]![0].value)
            }
        default: return ours == theirs
        }
    }

    /// Where two values first differ, for messages.
    static func difference(_ a: JSONValue, _ b: JSONValue, path: String = "$") -> String {
        switch (a, b) {
        case (.array(let x), .array(let y)) where x.count == y.count:
            for (index, pair) in zip(x, y).enumerated() where !sameUpToFoundation(pair.0, pair.1) {
                return difference(pair.0, pair.1, path: path + "[\(index)]")
            }
        case (.object(let x), .object(let y)):
            for (key, value) in x { if let other = y[key], !sameUpToFoundation(value, other) { return difference(value, other, path: path + "." + key.debugDescription) } }
        default: break
        }
        return "\(path): \(a) vs \(b)"
    }

    static func withoutBOM(_ text: String) -> String { String(text.unicodeScalars.filter { $0 != "\u{FEFF}" }) }

    /// One generated document, mutated half the time: a byte removed, a JSON syntax byte
    /// inserted, or a byte replaced; some with whitespace around and between tokens.
    static func document(_ rng: inout SplitMix64) -> [UInt8] {
        let value = JSONRandomizedTests.randomValue(&rng)
        var bytes = Array((rng.chance(3) ? value.prettyText : value.canonicalText).utf8)
        if rng.chance(2), !bytes.isEmpty {
            let position = rng.below(bytes.count)
            switch rng.below(3) {
            case 0: bytes.remove(at: position)
            case 1:
                let syntax = Array("{}[]\":,\\ 0-e.tfn\u{7f}".utf8)
                bytes.insert(syntax[rng.below(syntax.count)], at: position)
            default: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
            }
        }
        return bytes
    }

    @Test("both parsers accept and refuse the same documents, with the same values", arguments: [UInt64(1), 2, 3, 4])
    func agreement(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var compared = (accepted: 0, refused: 0, lenient: 0)
        for iteration in 0..<3_000 {
            let bytes = Self.document(&rng)
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            switch (Self.ours(bytes), Self.foundation(bytes)) {
            case (nil, .some(nil)):
                compared.refused += 1
            case (.some(let mine), .some(.some(let theirs))):
                compared.accepted += 1
                #expect(Self.sameUpToFoundation(mine, theirs), "seed \(seed) #\(iteration): \(Self.difference(mine, theirs)) in \(text)")
            case (nil, .some(.some)):
                compared.lenient += 1
                #expect(Self.documentedLeniency(bytes), "only Foundation accepts seed \(seed) #\(iteration): \(text)")
            case (.some, .some(nil)):
                Issue.record("only OpsDeck accepts seed \(seed) #\(iteration): \(text)")
            case (_, nil):
                Issue.record("Foundation gave a value with no JSON form: \(text)")
            }
        }
        // Both outcomes were exercised in numbers, not a suite that only ever agreed on garbage.
        #expect(compared.accepted > 1_000 && compared.refused > 300, "\(compared)")
    }

    @Test("numbers: OpsDeck reads every double's shortest text back exactly, as Swift's Double(String) does")
    func numbers() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<5_000 {
            let value = JSONRandomizedTests.randomDouble(&rng)
            let text = "\(value)".replacingOccurrences(of: "e+", with: "e")
            guard let expected = Double(text), case .number(let parsed)? = Self.ours(Array(text.utf8)) ?? nil else {
                if case .integer? = Self.ours(Array(text.utf8)) { continue }
                Issue.record("\(text) did not parse as a number")
                continue
            }
            #expect(parsed == expected, "\(text)")
        }
    }

    @Test("JSONTestSuite-style edge cases: the same verdict as Foundation, or a documented leniency", arguments: [
        "[]", "{}", "\"\"", "0", "-0", "1E2", "1e-2", "-1.5e+10", "[1,2]", "{\"a\":[{}]}", "\"\\u00e9\"", "\"\\ud83d\\ude00\"",
        " [1] ", "\t\n{}\r", "[1,]", "{\"a\":1,}", "01", "[00]", "-01", "{\"a\":1,\"a\":2}", "[", "]", "{\"a\"}", "[1 2]",
        "nul", "tru", "[-]", "1.", ".5", "1e", "+1", "[\"\\x\"]", "\"\t\"", "[1]x", "{\"a\":1}}", "\"\\ud800\"",
    ])
    func edgeCases(text: String) {
        let bytes = Array(text.utf8)
        switch (Self.ours(bytes), Self.foundation(bytes)) {
        case (.some(let mine), .some(.some(let theirs))): #expect(Self.sameUpToFoundation(mine, theirs), "\(text)")
        case (nil, .some(nil)): break
        case (nil, .some(.some)): #expect(Self.documentedLeniency(bytes), "only Foundation accepts \(text)")
        case (.some(let mine), _): Issue.record("only OpsDeck accepts \(text): \(mine)")
        case (nil, nil): Issue.record("Foundation gave a value with no JSON form: \(text)")
        }
    }
}
