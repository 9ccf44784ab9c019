/// A binary min-heap of search states keyed by (f, h, insertion order).
struct StateHeap {
    private struct Entry {
        var key: UInt64
        var state: Int32
    }

    private var entries: ContiguousArray<Entry> = []
    private var counter: UInt64 = 0

    /// Empties the heap, keeping its storage, and restarts the insertion order.
    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        counter = 0
    }

    mutating func push(f: Int32, h: Int32, state: Int32) {
        counter += 1
        let entry = Entry(key: (UInt64(UInt32(f)) << 44) | (UInt64(UInt32(h) & 0xFFFF) << 28) | (counter & 0xFFF_FFFF), state: state)
        entries.append(entry)
        entries.withUnsafeMutableBufferPointer { heap in
            // Moves the hole up instead of swapping at every level.
            var child = heap.count - 1
            while child > 0 {
                let up = (child - 1) / 2
                guard entry.key < heap[up].key else { break }
                heap[child] = heap[up]
                child = up
            }
            heap[child] = entry
        }
    }

    /// The state with the smallest key and its f.
    mutating func pop() -> (Int32, Int32)? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries.withUnsafeMutableBufferPointer { heap in
                let count = heap.count
                var hole = 0
                while true {
                    let left = 2 * hole + 1
                    guard left < count else { break }
                    let right = left + 1
                    let smaller = right < count && heap[right].key < heap[left].key ? right : left
                    guard heap[smaller].key < last.key else { break }
                    heap[hole] = heap[smaller]
                    hole = smaller
                }
                heap[hole] = last
            }
        }
        return (Int32(top.key >> 44), top.state)
    }
}
