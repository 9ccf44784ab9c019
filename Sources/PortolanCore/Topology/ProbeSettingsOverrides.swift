extension ProbeSettings {
    /// What a command line may change of a topology's probe settings (`--timeout`, `--concurrency`,
    /// `--retries`); `nil` keeps the topology's value.
    public struct Overrides: Hashable, Sendable {
        public var timeoutMilliseconds: Int?
        public var concurrency: Int?
        public var retries: Int?

        public init(timeoutMilliseconds: Int? = nil, concurrency: Int? = nil, retries: Int? = nil) {
            self.timeoutMilliseconds = timeoutMilliseconds
            self.concurrency = concurrency
            self.retries = retries
        }

        /// `settings` with these values in place; a timeout below the minimum lowers the minimum with it.
        public func applied(to settings: ProbeSettings) -> ProbeSettings {
            var settings = settings
            if let timeoutMilliseconds {
                settings.timeoutMilliseconds = timeoutMilliseconds
                settings.minimumTimeoutMilliseconds = min(settings.minimumTimeoutMilliseconds, timeoutMilliseconds)
            }
            if let concurrency { settings.concurrency = concurrency }
            if let retries { settings.retries = retries }
            return settings
        }
    }
}
