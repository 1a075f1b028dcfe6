import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `posix_spawn` attributes that start a child with every signal unblocked and at its default
/// disposition, as a shell would.
///
/// A child inherits the signal mask of the thread that spawns it, and the threads of a Swift
/// program (dispatch's, the cooperative pool's) block most signals: spawned from one of them,
/// a child never sees SIGTERM or SIGHUP. A tmux server then ignores `kill-server`; huey's
/// consumer (`peers.sh`) never exits.
public enum CleanSignalSpawn {
    /// Calls `body` with the attributes, destroyed afterwards.
    public static func withAttributes<T>(_ body: (inout posix_spawnattr_t) throws -> T) rethrows -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return try body(&attributes)
    }
}
