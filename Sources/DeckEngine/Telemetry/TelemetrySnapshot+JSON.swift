import DeckCore
import Foundation

extension TelemetrySnapshot {
    /// Reads a snapshot from the `telemetry` JSON of a heartbeat row.
    ///
    /// Throws a `DecodingError` when the JSON is not a snapshot (e.g. the empty object a
    /// heartbeat carries before its first snapshot).
    public init(json: JSONValue) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = Self.nonFiniteDecoding
        self = try decoder.decode(TelemetrySnapshot.self, from: Data(json.canonicalText.utf8))
    }

    /// The snapshot as JSON, for the `telemetry` column of a heartbeat row.
    ///
    /// Non-finite numbers (a gauge set to infinity, say) are written as the strings
    /// `"+Inf"`, `"-Inf"` and `"NaN"`, as Prometheus spells them, since JSON has no such
    /// numbers.
    public var json: JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFiniteEncoding
        // Encoding cannot fail: every member is a plain value and non-finite numbers have a
        // spelling; the fallback only keeps this property non-throwing.
        guard let data = try? encoder.encode(self), let value = try? JSONValue(parsing: data) else {
            return .object([:])
        }
        return value
    }

    private static var nonFiniteEncoding: JSONEncoder.NonConformingFloatEncodingStrategy {
        .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
    }

    private static var nonFiniteDecoding: JSONDecoder.NonConformingFloatDecodingStrategy {
        .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
    }
}
