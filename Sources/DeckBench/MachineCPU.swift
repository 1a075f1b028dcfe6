import Foundation

/// The whole machine's CPU time so far, from the first line of `/proc/stat` (Linux): what
/// a drain on PostgreSQL costs is spread over the workers, the server's backends and the
/// benchmark, so it is measured for all of them together, between two samples.
struct MachineCPU: Sendable {
    /// Clock ticks spent busy (user, nice, system, irq, softirq) and in all (busy, idle,
    /// waiting for I/O, stolen).
    var busyTicks: Int64
    var totalTicks: Int64

    /// Now, from `/proc/stat`; nil where there is none.
    init?() {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        self.init(procStat: stat)
    }

    /// From the text of `/proc/stat`: its first line, `cpu` and the ticks by kind.
    init?(procStat stat: String) {
        guard let line = stat.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Int64($0) }
        guard fields.count >= 8 else { return nil }
        // user nice system idle iowait irq softirq steal (guest time is counted in user).
        busyTicks = fields[0] + fields[1] + fields[2] + fields[5] + fields[6]
        totalTicks = fields[0...7].reduce(0, +)
    }

    /// The CPU used from `start` to `self`: the share of the machine busy, and the busy CPU
    /// seconds.
    func since(_ start: MachineCPU, ticksPerSecond: Int = sysconf(Int32(_SC_CLK_TCK))) -> Usage? {
        let total = totalTicks - start.totalTicks
        guard total > 0, ticksPerSecond > 0 else { return nil }
        let busy = busyTicks - start.busyTicks
        return Usage(busyShare: Double(busy) / Double(total), cpuSeconds: Double(busy) / Double(ticksPerSecond))
    }

    struct Usage: Sendable, Equatable {
        /// 0 to 1 of all the machine's CPUs.
        var busyShare: Double
        var cpuSeconds: Double
    }
}
