import Foundation

/// How many columns text tables may take on standard output.
public enum OutputColumns {
    /// `$COLUMNS` if it is a positive number, else the width of the terminal on `descriptor`, else `nil`
    /// (output into a pipe or a file stays whole, never cut or wrapped).
    public static func current(
        environment: [String: String] = ProcessInfo.processInfo.environment, descriptor: Int32 = STDOUT_FILENO
    ) -> Int? {
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
