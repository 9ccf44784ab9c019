import PortolanCore

extension ScanRun {
    /// Attempts of one transport in the order they started; entries of finished attempts are skipped
    /// when met (their slot is empty or has another serial).
    struct InFlightOrder {
        let transport: Transport
        var entries: [(fd: Int32, serial: Int)] = []
        var head = 0

        init(transport: Transport) { self.transport = transport }

        var oldest: (fd: Int32, serial: Int)? { head < entries.count ? entries[head] : nil }

        mutating func dropOldest() {
            head += 1
            if head > 4096, head * 2 > entries.count {
                entries.removeFirst(head)
                head = 0
            }
        }
    }
}
