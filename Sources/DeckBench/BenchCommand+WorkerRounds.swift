import DeckCore

extension BenchCommand.Worker {
    /// With `--json`, one document: a single round's as it is, or every round's with each
    /// ratio's median. In text, the medians (with every round's value) after the rounds'
    /// lines, when there was more than one round.
    func printResults(_ rounds: [[String: Double]], documents: [JSONValue]) {
        Self.printRounds(
            rounds, documents: documents, benchmark: "worker drain", names: Self.medians(rounds).keys.sorted(), json: json)
    }

    /// What `printResults` prints, for any benchmark with rounds: `names` orders the text lines.
    static func printRounds(_ rounds: [[String: Double]], documents: [JSONValue], benchmark: String, names: [String], json: Bool) {
        let medians = medians(rounds)
        if json {
            guard documents.count > 1 else {
                if let only = documents.first { print(only.prettyText) }
                return
            }
            print(JSONValue.object([
                "benchmark": .string(benchmark), "rounds": .array(documents),
                "median_ratios": .object(medians.mapValues { .number(($0 * 100).rounded() / 100) }),
            ]).prettyText)
            return
        }
        guard rounds.count > 1 else { return }
        print("medians over \(rounds.count) rounds:")
        for name in names {
            guard let value = medians[name] else { continue }
            let each = rounds.compactMap { $0[name] }.map { String(format: "%.2f", $0) }.joined(separator: ", ")
            print(String(format: "%@: %.2f (rounds: %@)", name, value, each))
        }
    }

    /// Each ratio's median over the rounds that measured it (the mean of the middle two for
    /// an even count).
    static func medians(_ rounds: [[String: Double]]) -> [String: Double] {
        var values: [String: [Double]] = [:]
        for round in rounds {
            for (name, value) in round { values[name, default: []].append(value) }
        }
        return values.mapValues { list in
            let sorted = list.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }
}
