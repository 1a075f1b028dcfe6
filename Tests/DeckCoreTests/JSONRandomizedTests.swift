import DeckCore
import Testing

/// Seeded property tests: random documents round-trip through the canonical writer and the
/// parser; random bytes never crash the parser.
@Suite("JSON randomized")
struct JSONRandomizedTests {
    // MARK: - Generators

    static func randomScalar(_ rng: inout SplitMix64) -> Unicode.Scalar {
        while true {
            let value: UInt32
            switch rng.below(10) {
            case 0: value = UInt32(rng.below(0x20))  // C0 controls
            case 1: value = [0x22, 0x5C, 0x2F, 0x7F, 0x3A, 0x2C, 0x7B, 0x5D][rng.below(8)]  // JSON syntax
            case 2: value = UInt32(0x80 + rng.below(0x780))  // two-byte UTF-8
            case 3: value = UInt32(0x800 + rng.below(0xF800))  // three-byte (surrogates skipped below)
            case 4: value = UInt32(0x10000 + rng.below(0x100000))  // astral
            case 5: value = [0x301, 0x200D, 0xFE0F, 0x202E, 0xFEFF, 0xFFFD][rng.below(6)]  // tricky
            default: value = UInt32(0x20 + rng.below(0x5F))  // printable ASCII
            }
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    static func randomString(_ rng: inout SplitMix64, maxLength: Int = 12) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<rng.below(maxLength + 1) { scalars.append(randomScalar(&rng)) }
        return String(scalars)
    }

    static func randomDouble(_ rng: inout SplitMix64) -> Double {
        switch rng.below(6) {
        case 0: return Double(Int64(bitPattern: rng.next()) % 1_000_000) / 1000
        case 1: return [0.0, -0.0, 1e15, -1e15, 1e16, 0.1, 1e-7, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
                        .leastNormalMagnitude, 9.007199254740993e15][rng.below(11)]
        case 2: return Double(Int64(bitPattern: rng.next()))
        default:
            while true {
                let value = Double(bitPattern: rng.next())
                if value.isFinite { return value }
            }
        }
    }

    static func randomValue(_ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        let leafOnly = depth >= 6
        switch rng.below(leafOnly ? 6 : 9) {
        case 0: return .null
        case 1: return .bool(rng.chance(2))
        case 2:
            let raw = Int64(bitPattern: rng.next())
            return .integer(rng.chance(2) ? raw : raw % 1000)
        case 3: return .number(randomDouble(&rng))
        case 4, 5: return .string(randomString(&rng))
        case 6, 7:
            return .array((0..<rng.below(5)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<rng.below(5) { members[randomString(&rng, maxLength: 6)] = randomValue(&rng, depth: depth + 1) }
            return .object(members)
        }
    }

    // MARK: - Properties

    @Test("random documents round-trip through canonicalText", arguments: [UInt64(1), 2, 3, 0xDEC0DE])
    func roundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for iteration in 0..<1_000 {
            let value = Self.randomValue(&rng)
            let text = value.canonicalText
            let parsed: JSONValue
            do {
                parsed = try JSONValue(parsing: text)
            } catch {
                Issue.record("seed \(seed) document \(iteration): canonical text does not parse (\(error)): \(text.debugDescription)")
                continue
            }
            #expect(parsed == value, "seed \(seed) document \(iteration): \(text.debugDescription)")
            #expect(Array(parsed.canonicalText.utf8) == Array(text.utf8), "seed \(seed) document \(iteration)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 }, "no raw control characters")
            // The pretty form carries the same value.
            #expect(try JSONValue(parsing: value.prettyText) == value)
        }
    }

    @Test("random bytes never crash the parser; whatever parses round-trips", arguments: [UInt64(7), 8])
    func randomBytes(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let alphabet = Array(#"{}[]:,"\ -+.0123456789eEtrufalsn/bu"#.utf8) + [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xFF]
        var accepted = 0
        for _ in 0..<3_000 {
            let length = rng.below(24)
            let bytes: [UInt8] = (0..<length).map { _ in
                rng.chance(4) ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[rng.below(alphabet.count)]
            }
            let value: JSONValue
            do throws(JSONValue.ParseError) {
                value = try JSONValue(parsing: bytes)
            } catch {
                #expect(error.reason.hasPrefix("not valid JSON"))
                continue
            }
            accepted += 1
            #expect(try JSONValue(parsing: value.canonicalText) == value, "\(bytes)")
        }
        #expect(accepted > 0, "the alphabet should produce some valid documents (digits at least)")
    }

    @Test("mutated valid documents never crash the parser; whatever parses round-trips", arguments: [UInt64(11), 12])
    func mutations(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<1_000 {
            var bytes = Array(Self.randomValue(&rng).canonicalText.utf8)
            for _ in 0..<(1 + rng.below(3)) {
                let position = bytes.isEmpty ? 0 : rng.below(bytes.count)
                switch rng.below(4) {
                case 0 where !bytes.isEmpty: bytes.remove(at: position)
                case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: position)
                case 2 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
                default: bytes = Array(bytes.prefix(position))
                }
            }
            if let value = try? JSONValue(parsing: bytes) {
                #expect(try JSONValue(parsing: value.canonicalText) == value)
            }
        }
    }

    @Test("the same seed generates the same documents")
    func generatorIsDeterministic() {
        var a = SplitMix64(seed: 99)
        var b = SplitMix64(seed: 99)
        for _ in 0..<50 {
            let x = Self.randomValue(&a)
            let y = Self.randomValue(&b)
            #expect(Array(x.canonicalText.utf8) == Array(y.canonicalText.utf8))
        }
        var reference = SplitMix64(seed: 0)
        // Published first output of SplitMix64 seeded with 0.
        #expect(reference.next() == 0xE220_A839_7B1D_CDAF)
    }
}
