#if canImport(Glibc)
import Glibc
#endif
import PortolanCore

/// Turns what the system reported for an attempt into a state and a reason, as nmap names them.
enum ProbeClassifier {
    /// A finished TCP connect: `error` is `SO_ERROR` (or `connect`'s errno), 0 for a completed handshake.
    static func tcp(error: Int32, selfConnected: Bool) -> (PortState, ProbeReason) {
        switch error {
        case 0: selfConnected ? (.closed, .selfConnect) : (.open, .synAck)
        case ECONNREFUSED: (.closed, .connRefused)
        case EHOSTUNREACH: (.filtered, .hostUnreach)
        case ENETUNREACH: (.filtered, .netUnreach)
        case ETIMEDOUT: (.filtered, .timeout)
        case EACCES, EPERM: (.filtered, .adminProhibited)
        default: (.error, .systemError)
        }
    }

    /// A UDP reply (`error` 0) or the error a connected UDP socket reported.
    static func udp(error: Int32) -> (PortState, ProbeReason) {
        switch error {
        case 0: (.open, .udpResponse)
        case ECONNREFUSED: (.closed, .portUnreach)
        case EHOSTUNREACH: (.filtered, .hostUnreach)
        case ENETUNREACH: (.filtered, .netUnreach)
        case EACCES, EPERM: (.filtered, .adminProhibited)
        default: (.error, .systemError)
        }
    }
}

/// UDP probes waiting for their host's pacing interval, earliest first (a binary min-heap).
struct PacingQueue {
    private var heap: [(due: UInt64, index: Int)] = []

    var isEmpty: Bool { heap.isEmpty }
    var nextDue: UInt64? { heap.first?.due }

    mutating func push(_ index: Int, at due: UInt64) {
        heap.append((due, index))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The earliest entry if it is due by `now`.
    mutating func popReady(now: UInt64) -> Int? {
        guard let first = heap.first, first.due <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = parent * 2 + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].due < heap[smallest].due { smallest = left }
                if right < heap.count, heap[right].due < heap[smallest].due { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.index
    }
}
