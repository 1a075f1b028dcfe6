import DeckCore

extension BenchCommand.Worker {
    /// Prints (or, with `--json`, writes) each ratio's median over the rounds, with every
    /// round's value beside it.
    func printMedians(_ rounds: [[String: Double]]) {
        let medians = Self.medians(rounds)
        if json {
            print(JSONValue.object([
                "benchmark": "worker drain", "rounds": .integer(Int64(rounds.count)),
                "median_ratios": .object(medians.mapValues { .number(($0 * 100).rounded() / 100) }),
            ]).prettyText)
            return
        }
        print("medians over \(rounds.count) rounds:")
        for (name, value) in medians.sorted(by: { $0.key < $1.key }) {
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
