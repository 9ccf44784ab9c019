import Foundation

/// Work handed from a background task (layouts, probe rounds, audits) to the dashboard's loop, which can
/// wait for it with a deadline.
final class Inbox<Item: Sendable>: @unchecked Sendable {
    // @unchecked: `items` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var items: [Item] = []

    func post(_ item: Item) {
        condition.lock()
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// The items posted since the last call, oldest first.
    func drain() -> [Item] {
        condition.lock()
        defer {
            items.removeAll()
            condition.unlock()
        }
        return items
    }

    /// Waits until an item is there or `deadline` passes; true if one is.
    func wait(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        return !items.isEmpty
    }
}
