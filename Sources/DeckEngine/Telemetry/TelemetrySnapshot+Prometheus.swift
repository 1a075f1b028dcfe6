extension TelemetrySnapshot {
    /// The snapshot in Prometheus text exposition format 0.0.4, for the headless worker's
    /// `/metrics` endpoint.
    ///
    /// Counters become `counter` families, gauges `gauge` families, timers and recorders
    /// `summary` families with the 0.5, 0.9 and 0.99 quantiles plus `_sum` and `_count`
    /// (timers in seconds). Families are sorted by name and series by dimensions, so the
    /// same snapshot always gives the same text. Metric names are sanitized to
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*` and dimension names to `[a-zA-Z_][a-zA-Z0-9_]*`, any other
    /// character becoming `_`; label values are escaped. Throughput is left out: Prometheus
    /// computes rates from the counters itself. If two kinds of metric sanitize to the same
    /// name, the first family (counters, then gauges, then summaries) keeps it and the
    /// other series are dropped, since a family has one type.
    public var prometheusText: String {
        var families: [String: PrometheusFamily] = [:]
        func add(_ key: TelemetryKey, type: PrometheusFamily.MetricType) {
            let name = Self.prometheusMetricName(key.label)
            if families[name] == nil { families[name] = PrometheusFamily(type: type) }
            if families[name]!.type == type { families[name]!.keys.append(key) }
        }
        for key in counters.keys { add(key, type: .counter) }
        for key in gauges.keys { add(key, type: .gauge) }
        for key in histograms.keys { add(key, type: .summary) }

        var out = ""
        for name in families.keys.sorted() {
            let family = families[name]!
            out += "# TYPE \(name) \(family.type.rawValue)\n"
            for key in family.keys.sorted() {
                let labels = key.sortedDimensions.map { (Self.prometheusLabelName($0.name), $0.value) }
                switch family.type {
                case .counter:
                    out += Self.sample(name, labels, counters[key]!)
                case .gauge:
                    out += Self.sample(name, labels, gauges[key]!)
                case .summary:
                    let summary = histograms[key]!
                    for (quantile, value) in [("0.5", summary.p50), ("0.9", summary.p90), ("0.99", summary.p99)] {
                        out += Self.sample(name, labels + [("quantile", quantile)], value)
                    }
                    out += Self.sample(name + "_sum", labels, summary.sum)
                    out += Self.sample(name + "_count", labels, Double(summary.count))
                }
            }
        }
        return out
    }

    /// The metric families of one exposition, by sanitized name.
    private struct PrometheusFamily {
        enum MetricType: String {
            case counter, gauge, summary
        }

        var type: MetricType
        var keys: [TelemetryKey] = []
    }

    /// One sample line: `name{label="value",…} number`.
    private static func sample(_ name: String, _ labels: [(String, String)], _ value: Double) -> String {
        guard !labels.isEmpty else { return "\(name) \(prometheusNumber(value))\n" }
        let pairs = labels.map { "\($0.0)=\"\(prometheusEscaped($0.1))\"" }
        return "\(name){\(pairs.joined(separator: ","))} \(prometheusNumber(value))\n"
    }

    /// `label` with every character outside `[a-zA-Z0-9_:]` replaced by `_`, and a `_`
    /// in front when it would start with a digit (or be empty).
    static func prometheusMetricName(_ label: String) -> String {
        sanitized(label, allowColon: true)
    }

    /// A dimension name made a valid Prometheus label name, `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func prometheusLabelName(_ name: String) -> String {
        sanitized(name, allowColon: false)
    }

    private static func sanitized(_ text: String, allowColon: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let allowed =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || (allowColon && scalar == ":")
            scalars.append(allowed ? scalar : "_")
        }
        let result = String(scalars)
        guard let first = result.unicodeScalars.first, !("0"..."9").contains(first) else { return "_" + result }
        return result
    }

    /// A label value escaped per the exposition format: backslash, double quote and line
    /// feed become `\\`, `\"` and `\n`.
    static func prometheusEscaped(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A sample value: whole numbers without a fraction, others in Swift's shortest
    /// round-tripping form, and `+Inf`, `-Inf`, `NaN` as Prometheus spells them.
    static func prometheusNumber(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
