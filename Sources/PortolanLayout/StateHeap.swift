/// A min-heap of search states keyed by (f, h, insertion order).
///
/// Four children per node, keys and states in separate arrays: the search pops up to 300,000 states, the
/// heap outgrows the caches, and its sifting waited on memory (two thirds of `RouteSearch`'s time went to
/// `pop`). A 4-ary heap has half the levels and reads a node's children from one cache line of keys. The
/// keys are unique (the insertion counter), so every heap pops the same sequence: the figures do not change.
struct StateHeap {
    private var keys: [UInt64] = []
    private var states: [Int32] = []
    private var counter: UInt64 = 0

    /// Empties the heap, keeping its storage, and restarts the insertion order.
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        states.removeAll(keepingCapacity: true)
        counter = 0
    }

    mutating func push(f: Int32, h: Int32, state: Int32) {
        counter += 1
        let key = (UInt64(UInt32(f)) << 44) | (UInt64(UInt32(h) & 0xFFFF) << 28) | (counter & 0xFFF_FFFF)
        keys.append(key)
        states.append(state)
        keys.withUnsafeMutableBufferPointer { keys in
            states.withUnsafeMutableBufferPointer { states in
                // Moves the hole up instead of swapping at every level.
                var child = keys.count - 1
                while child > 0 {
                    let up = (child - 1) >> 2
                    guard key < keys[up] else { break }
                    keys[child] = keys[up]
                    states[child] = states[up]
                    child = up
                }
                keys[child] = key
                states[child] = state
            }
        }
    }

    /// The state with the smallest key and its f.
    mutating func pop() -> (Int32, Int32)? {
        guard let topKey = keys.first else { return nil }
        let topState = states[0]
        let lastKey = keys.removeLast(), lastState = states.removeLast()
        if !keys.isEmpty {
            keys.withUnsafeMutableBufferPointer { keys in
                states.withUnsafeMutableBufferPointer { states in
                    let count = keys.count
                    var hole = 0
                    while true {
                        let first = 4 * hole + 1
                        guard first < count else { break }
                        var smallest = first, smallestKey = keys[first]
                        var child = first + 1
                        let end = min(first + 4, count)
                        while child < end {
                            if keys[child] < smallestKey {
                                smallest = child
                                smallestKey = keys[child]
                            }
                            child += 1
                        }
                        guard smallestKey < lastKey else { break }
                        keys[hole] = smallestKey
                        states[hole] = states[smallest]
                        hole = smallest
                    }
                    keys[hole] = lastKey
                    states[hole] = lastState
                }
            }
        }
        return (Int32(topKey >> 44), topState)
    }
}
