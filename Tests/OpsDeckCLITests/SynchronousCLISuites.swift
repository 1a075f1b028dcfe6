import Testing

/// The command-line suites whose tests are synchronous: each test holds a thread of the shared
/// cooperative pool while its `opsdeck` or `sqlite3` child runs. They run one at a time, so on a
/// two-core machine they hold at most one of its two pool threads and the asynchronous suites
/// (servers, loopback HTTP, tmux) always keep the other; run side by side, two of them starved
/// those suites until their time limits fired on a loaded machine.
@Suite(.serialized) enum SynchronousCLISuites {}
